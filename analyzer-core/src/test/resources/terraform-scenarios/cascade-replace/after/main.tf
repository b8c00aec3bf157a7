resource "terraform_data" "vpc" {
  triggers_replace = "vpc-v2"
}

resource "terraform_data" "subnet" {
  for_each         = toset(["a", "b"])
  triggers_replace = terraform_data.vpc.id
  input            = each.key
}

resource "terraform_data" "server" {
  triggers_replace = terraform_data.subnet["a"].id
}

# Ordered after the vpc, but references nothing: stays no-op when the vpc is replaced.
resource "terraform_data" "audit" {
  input      = "audit-log"
  depends_on = [terraform_data.vpc]
}

# Reads the server id into an updatable attribute: becomes an in-place update.
resource "terraform_data" "dns" {
  input = terraform_data.server.id
}
