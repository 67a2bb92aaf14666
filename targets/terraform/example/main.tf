# Example workload module consuming `scorec generate --target terraform` output:
#   terraform init && terraform plan -var-file=../../../out/<workload>.auto.tfvars.json
# It needs no provider: resources are stand-ins (modules/stand-in) and the workload is a terraform_data
# holding the rendered spec. Replace both with your platform's modules (a database module per resource
# key, a container service for the workload) — the variables (variables.tf) stay the contract.

terraform {
  # templatestring() renders the templates scorec writes.
  required_version = ">= 1.9"
}

# One module instance per resource, keyed by the reference key the templates use (module.<key>.<output>).
# route, service and service-port need none: routes are configured from params, the others are literal.
module "resource" {
  source   = "./modules/stand-in"
  for_each = { for key, r in var.resources : key => r if !contains(["route", "service", "service-port"], r.type) }

  key    = each.key
  type   = each.value.type
  params = each.value.params
}

locals {
  # The variables every template may use: module.<key>.<output> and env.<NAME>.
  template_vars = {
    module = { for key, m in module.resource : key => m.outputs }
    env    = var.environment
  }

  containers = {
    for cname, c in var.containers : cname => {
      image   = c.image
      command = c.command
      args    = c.args
      env     = { for name, value in c.env : name => templatestring(value, local.template_vars) }
      files = {
        for path, f in c.files : path => {
          mode           = f.mode
          binary_content = f.binary_content
          # no_expand files and binary files are literal; the rest are templates.
          content = f.content == null ? null : (f.no_expand ? f.content : templatestring(f.content, local.template_vars))
        }
      }
      volumes = {
        for path, v in c.volumes : path => {
          source    = templatestring(v.source, local.template_vars)
          path      = v.path
          read_only = v.read_only
        }
      }
      liveness_probe  = c.liveness_probe
      readiness_probe = c.readiness_probe
      resources       = c.resources
      before          = c.before
    }
  }

  # Routes: a real module would create an ingress / HTTPRoute from these. templatestring() takes only a
  # direct reference, so the host strings are collected first.
  route_params = { for key, r in var.resources : key => r.params if r.type == "route" }
  route_hosts  = { for key, p in local.route_params : key => tostring(try(p.host, "")) }
  routes = {
    for key, host in local.route_hosts : key => {
      host = templatestring(host, local.template_vars)
      path = try(local.route_params[key].path, "/")
      port = try(local.route_params[key].port, null)
    }
  }
}

resource "terraform_data" "workload" {
  input = {
    name        = var.workload_name
    annotations = var.annotations
    containers  = local.containers
    ports       = var.service_ports
    routes      = local.routes
  }
}
