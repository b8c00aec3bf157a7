resource "terraform_data" "r1" {
  input = "r1"
}

resource "terraform_data" "r2" {
  input = terraform_data.r1.id
}

output "out" {
  value = [terraform_data.r1.id, terraform_data.r2.id]
}
