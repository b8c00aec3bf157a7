resource "terraform_data" "keep" {
  input = "keep-me"
}

resource "terraform_data" "other" {
  input = "delete-me"
}

resource "terraform_data" "stay" {
  input = "unchanged"
}
