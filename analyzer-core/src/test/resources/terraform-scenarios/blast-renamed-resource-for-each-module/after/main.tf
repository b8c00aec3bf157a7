module "svc" {
  source   = "./modules/svc"
  for_each = toset(["a", "b"])
}

resource "terraform_data" "c29" {
  count = 2
  input = [for k, m in module.svc : m.out]
}

resource "terraform_data" "r30" {
  input = terraform_data.c29[*].id
}
