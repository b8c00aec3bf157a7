resource "terraform_data" "r1" {
  input = "r1"
}

output "out" {
  value = [terraform_data.r1.id]
}
