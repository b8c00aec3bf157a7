module "m14" {
  source = "../inner"
}

resource "terraform_data" "w" {
  input = module.m14.out
}

output "out" {
  value = terraform_data.w.id
}
