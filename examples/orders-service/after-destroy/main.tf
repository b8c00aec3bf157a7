resource "terraform_data" "web" {
  input = "orders-db"
}

resource "terraform_data" "cache" {
  input = "cache"
}
