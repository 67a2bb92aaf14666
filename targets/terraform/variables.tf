# Input variables of a module that deploys one Score workload. `scorec generate --target terraform`
# writes <workload>.auto.tfvars.json with exactly these variables (environment excepted: you supply it).
#
# Strings marked "template" below are Terraform string templates: resource outputs appear in them as
# "${module.<key>.<output>}" references (see resources), and literal "${" / "%{" from the Score file are
# escaped as "$${" / "%%{". Render them with
#   templatestring(value, { module = <object of your resource modules by key>, env = var.environment })
# (Terraform >= 1.9). Everything else is literal.

variable "workload_name" {
  description = "Score metadata.name."
  type        = string
}

variable "annotations" {
  description = "Score metadata.annotations."
  type        = map(string)
  default     = {}
}

variable "containers" {
  description = "Score containers by name, placeholders resolved (env values, file contents and volume sources are templates)."
  type = map(object({
    image   = string
    command = optional(list(string))
    args    = optional(list(string))
    # Variable name => template.
    env = optional(map(string), {})
    # Target path => file. Exactly one of content (template unless no_expand) or binary_content (base64).
    files = optional(map(object({
      content        = optional(string)
      binary_content = optional(string)
      mode           = optional(string)
      no_expand      = optional(bool, false)
    })), {})
    # Mount path => volume. source is a template (a volume resource's `source` output); resource names the
    # Score resource it came from (a key of var.resources' `name`s), null for a literal source.
    volumes = optional(map(object({
      source    = string
      resource  = optional(string)
      kind      = optional(string, "volume")
      path      = optional(string)
      read_only = optional(bool, false)
    })), {})
    liveness_probe  = optional(object({ http_get = optional(object({ scheme = optional(string), host = optional(string), path = optional(string), port = number, http_headers = optional(list(object({ name = string, value = string })), []) })), exec = optional(object({ command = list(string) })) }))
    readiness_probe = optional(object({ http_get = optional(object({ scheme = optional(string), host = optional(string), path = optional(string), port = number, http_headers = optional(list(object({ name = string, value = string })), []) })), exec = optional(object({ command = list(string) })) }))
    resources = optional(object({
      limits   = optional(object({ cpu = optional(string), memory = optional(string) }))
      requests = optional(object({ cpu = optional(string), memory = optional(string) }))
    }))
    # Container name => { ready = "started" | "healthy" | "complete" }: those containers start first.
    before = optional(map(object({ ready = string })), {})
  }))
}

variable "service_ports" {
  description = "Score service.ports by name."
  type = map(object({
    port        = number
    target_port = number
    protocol    = string
  }))
  default = {}
}

variable "resources" {
  description = "Resources the workload uses, by reference key (<type>_<id>, non-alphanumerics as _): the key templates use in module.<key>.<output>. params is any JSON value the Score file gave."
  type = map(object({
    name   = string
    type   = string
    class  = string
    id     = string
    params = optional(any, {})
  }))
  default = {}
}

variable "environment" {
  description = "Values for the Score `environment` resource: templates refer to them as $${env.NAME}. Not written by scorec."
  type        = map(string)
  default     = {}
}
