variable "vpc_id" {
  type = string
}

resource "terraform_data" "database" {
  input = var.vpc_id
}

output "database_id" {
  value = terraform_data.database.id
}
