resource "terraform_data" "r26x" {
  input = "r26x"
}

resource "terraform_data" "e27" {
  count = 2
  input = "e27"
  lifecycle {
    replace_triggered_by = [terraform_data.r26x]
  }
}

module "inner" {
  source = "../inner"
  v      = terraform_data.r26x.id
}

output "out" {
  value = module.inner.out
}
