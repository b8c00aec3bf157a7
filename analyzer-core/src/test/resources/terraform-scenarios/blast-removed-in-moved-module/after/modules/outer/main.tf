module "m14x" {
  source = "../inner"
}

moved {
  from = module.m14
  to   = module.m14x
}

resource "terraform_data" "w" {
  input = module.m14x.out
}

output "out" {
  value = terraform_data.w.id
}
