output "workload" {
  description = "The workload as rendered: templates resolved against the resource modules."
  value       = terraform_data.workload.output
  # Env values may now hold secrets (database passwords).
  sensitive = true
}

output "resource_keys" {
  description = "Reference keys of the resources this workload uses."
  value       = sort(keys(var.resources))
}
