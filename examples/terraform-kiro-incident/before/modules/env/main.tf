variable "name" {
  type = string
}

module "network" {
  source = "../network"

  name               = var.name
  cidr_block         = "10.20.0.0/16"
  availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

resource "terraform_data" "database" {
  input = {
    identifier     = "${var.name}-orders-db"
    engine         = "postgres"
    engine_version = "16.3"
    subnet_ids     = module.network.subnet_ids
  }
}

resource "terraform_data" "cache" {
  input = {
    cluster_id = "${var.name}-sessions"
    engine     = "redis"
    subnet_ids = module.network.subnet_ids
  }
}

resource "terraform_data" "queue" {
  input = {
    name = "${var.name}-order-events"
  }
}

resource "terraform_data" "app" {
  count = 2

  input = {
    name      = "${var.name}-api-${count.index}"
    subnet_id = module.network.subnet_ids[count.index]
    database  = terraform_data.database.id
    cache     = terraform_data.cache.id
    queue     = terraform_data.queue.id
  }
}

output "vpc_id" {
  value = module.network.vpc_id
}

output "database_id" {
  value = terraform_data.database.id
}

output "app_ids" {
  value = terraform_data.app[*].id
}
