# A stand-in for a real resource module: it outputs what the Terraform provisioners' outputs refer to
# (module.<key>.<output>), with placeholder values derived from the key. Replace it per resource type.

variable "key" {
  type = string
}

variable "type" {
  type = string
}

variable "params" {
  type    = any
  default = {}
}

locals {
  host = replace(var.key, "_", "-")
}

output "outputs" {
  value = {
    host              = local.host
    hostname          = local.host
    port              = lookup({ postgres = "5432", mysql = "3306", redis = "6379", amqp = "5672" }, var.type, "443")
    name              = var.key
    database          = var.key
    username          = "user"
    password          = sha256("stand-in:${var.key}")
    vhost             = "/"
    bucket            = local.host
    endpoint          = "https://${local.host}.example.invalid"
    region            = "us-east-1"
    access_key_id     = "stand-in"
    secret_key        = sha256("stand-in-secret:${var.key}")
    aws_access_key_id = "stand-in"
    aws_secret_key    = sha256("stand-in-secret:${var.key}")
    source            = "${local.host}-data"
    claim             = "${local.host}-claim"
    connection        = "${var.type}://user:${sha256("stand-in:${var.key}")}@${local.host}:${lookup({ postgres = "5432", mysql = "3306", redis = "6379", amqp = "5672" }, var.type, "443")}/${var.key}"
    server            = local.host
    num_partitions    = "1"
  }
  sensitive = true
}
