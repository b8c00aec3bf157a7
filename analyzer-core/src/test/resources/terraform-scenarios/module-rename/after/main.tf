# The module call was renamed from "env" to "environment" WITHOUT a moved block.
module "environment" {
  source = "./modules/env"
}

resource "terraform_data" "monitor" {
  input = module.environment.database_id
}
