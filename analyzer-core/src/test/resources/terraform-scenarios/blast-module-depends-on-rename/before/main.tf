module "m3" {
  source = "./modules/m"
}

resource "terraform_data" "r4" {
  input      = "r4"
  depends_on = [module.m3]
}

resource "terraform_data" "r5" {
  input = terraform_data.r4.id
}
