module "m1" {
  source = "./modules/outer"
}

resource "terraform_data" "top" {
  input      = "top"
  depends_on = [module.m1]
}

resource "terraform_data" "z" {
  input = module.m1.out
}
