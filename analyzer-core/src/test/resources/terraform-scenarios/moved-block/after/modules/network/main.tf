resource "terraform_data" "vpc" {
  input = "10.0.0.0/16"
}

resource "terraform_data" "subnet" {
  for_each = toset(["a", "b"])
  input    = "${terraform_data.vpc.id}/${each.key}"
}

output "vpc_id" {
  value = terraform_data.vpc.id
}

output "subnet_ids" {
  value = { for k, s in terraform_data.subnet : k => s.id }
}
