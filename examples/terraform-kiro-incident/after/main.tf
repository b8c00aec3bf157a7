# Change made by the AI agent: "rename module env to environment for clarity".
# No moved block was added, so Terraform sees module.env as deleted and
# module.environment as new.
module "environment" {
  source = "./modules/env"
  name   = "prod"
}

resource "terraform_data" "monitor" {
  input = {
    name     = "prod-orders-health"
    vpc_id   = module.environment.vpc_id
    database = module.environment.database_id
    app_ids  = module.environment.app_ids
  }
}
