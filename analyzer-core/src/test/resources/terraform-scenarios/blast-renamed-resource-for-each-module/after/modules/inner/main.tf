variable "v" {}

resource "terraform_data" "r28" {
  input = var.v
}

output "out" {
  value = terraform_data.r28.id
}
