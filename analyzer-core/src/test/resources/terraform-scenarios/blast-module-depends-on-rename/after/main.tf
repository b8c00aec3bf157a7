module "m3x" {
  source = "./modules/m"
}

resource "terraform_data" "r4" {
  input      = "r4"
  depends_on = [module.m3x]
}

resource "terraform_data" "r5" {
  input = terraform_data.r4.id
}
