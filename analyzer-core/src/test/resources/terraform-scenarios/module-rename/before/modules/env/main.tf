module "network" {
  source = "../network"
}

resource "terraform_data" "database" {
  input = module.network.subnet_ids["a"]
}

resource "terraform_data" "app" {
  count = 2
  input = {
    subnet   = module.network.subnet_ids["b"]
    database = terraform_data.database.id
  }
}

output "database_id" {
  value = terraform_data.database.id
}
