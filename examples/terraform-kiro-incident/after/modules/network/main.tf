variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "availability_zones" {
  type = list(string)
}

resource "terraform_data" "vpc" {
  input = {
    name       = "${var.name}-vpc"
    cidr_block = var.cidr_block
  }
}

resource "terraform_data" "subnet" {
  for_each = toset(var.availability_zones)

  input = {
    name              = "${var.name}-private-${each.key}"
    vpc_id            = terraform_data.vpc.id
    availability_zone = each.key
  }
}

output "vpc_id" {
  value = terraform_data.vpc.id
}

output "subnet_ids" {
  value = [for az in var.availability_zones : terraform_data.subnet[az].id]
}
