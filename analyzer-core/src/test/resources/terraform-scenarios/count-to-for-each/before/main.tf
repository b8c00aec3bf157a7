resource "terraform_data" "worker" {
  count = 2
  input = "worker-${count.index}"
}

resource "terraform_data" "lb" {
  # valid for both a count list and a for_each map of instances
  input = [for w in terraform_data.worker : w.id]
}
