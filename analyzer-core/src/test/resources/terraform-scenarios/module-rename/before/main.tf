module "env" {
  source = "./modules/env"
}

resource "terraform_data" "monitor" {
  input = module.env.database_id
}
