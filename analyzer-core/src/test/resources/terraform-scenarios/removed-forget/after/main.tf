# terraform_data.keep leaves Terraform management but the object is not destroyed.
removed {
  from = terraform_data.keep

  lifecycle {
    destroy = false
  }
}

# terraform_data.other: block deleted, so the object is destroyed.

resource "terraform_data" "stay" {
  input = "unchanged"
}
