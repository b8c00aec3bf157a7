resource "terraform_data" "db" {
  input = "postgres"
}

resource "terraform_data" "app" {
  input = terraform_data.db.id
}
