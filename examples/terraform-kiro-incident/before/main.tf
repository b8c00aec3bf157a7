module "env" {
  source = "./modules/env"
  name   = "prod"
}

resource "terraform_data" "monitor" {
  input = {
    name     = "prod-orders-health"
    vpc_id   = module.env.vpc_id
    database = module.env.database_id
    app_ids  = module.env.app_ids
  }
}
