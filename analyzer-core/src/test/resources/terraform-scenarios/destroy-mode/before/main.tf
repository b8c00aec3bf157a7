resource "terraform_data" "vpc" {
  input = "10.1.0.0/16"
}

module "db" {
  source = "./modules/db"
  vpc_id = terraform_data.vpc.id
}

resource "terraform_data" "app" {
  input = module.db.database_id
}

resource "terraform_data" "dns" {
  input = terraform_data.app.id
}
