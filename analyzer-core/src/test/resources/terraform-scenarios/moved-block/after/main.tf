# The module call was renamed from "env" to "environment" WITH a moved block.
module "environment" {
  source = "./modules/env"
}

moved {
  from = module.env
  to   = module.environment
}

resource "terraform_data" "monitor" {
  input = module.environment.database_id
}
