resource "terraform_data" "database" {
  input = "orders-db"
}

resource "terraform_data" "web" {
  input = terraform_data.database.output
}

resource "terraform_data" "cache" {
  input = "cache"
}
