resource "terraform_data" "worker" {
  for_each = toset(["a", "b"])
  input    = "worker-${each.key}"
}

resource "terraform_data" "lb" {
  # valid for both a count list and a for_each map of instances
  input = [for w in terraform_data.worker : w.id]
}
