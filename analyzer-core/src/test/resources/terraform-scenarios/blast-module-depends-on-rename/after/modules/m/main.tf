resource "terraform_data" "a" {
  count = 2
  input = "a"
}

resource "terraform_data" "b" {
  input = terraform_data.a[*].id
}

output "out" {
  value = terraform_data.b.id
}
