# The orders database and what hangs off it. terraform_data stands in for aws_db_instance and
# friends so that the example plans offline: triggers_replace plays the part of the attributes
# AWS cannot change on a running instance (storage_encrypted, kms_key_id, engine).

resource "terraform_data" "database" {
  triggers_replace = {
    engine            = "postgres"
    storage_encrypted = true
  }

  input = {
    identifier     = "prod-orders-db"
    engine_version = "16.3"
    instance_class = "db.r6g.large"
  }
}

resource "terraform_data" "read_replica" {
  # replicate_source_db: a replica cannot be re-pointed at a new primary.
  triggers_replace = [terraform_data.database.id]

  input = {
    identifier     = "prod-orders-db-replica"
    instance_class = "db.r6g.large"
  }
}

resource "terraform_data" "app" {
  input = {
    service     = "orders-api"
    db_endpoint = terraform_data.database.output.identifier
    db_id       = terraform_data.database.id
  }
}

resource "terraform_data" "backup_schedule" {
  input = {
    plan     = "orders-daily-35d"
    resource = terraform_data.database.id
  }
}

resource "terraform_data" "monitoring" {
  input = {
    alarm     = "prod-orders-db-free-storage"
    db_id     = terraform_data.database.id
    replica   = terraform_data.read_replica.id
    threshold = 10737418240
  }
}
