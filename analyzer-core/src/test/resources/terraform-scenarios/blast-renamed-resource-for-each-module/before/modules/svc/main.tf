resource "terraform_data" "r26" {
  input = "r26"
}

resource "terraform_data" "e27" {
  count = 2
  input = "e27"
  lifecycle {
    replace_triggered_by = [terraform_data.r26]
  }
}

module "inner" {
  source = "../inner"
  v      = terraform_data.r26.id
}

output "out" {
  value = module.inner.out
}
