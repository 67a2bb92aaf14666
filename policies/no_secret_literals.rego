package main

import rego.v1

secret_name(name) if regex.match(`(?i)(pass(word)?|secret|token|api_?key|private_?key|credential)`, name)

# Values that look like credentials whatever the variable is called.
secret_value(v) if startswith(v, "-----BEGIN")

secret_value(v) if regex.match(`^AKIA[0-9A-Z]{16}$`, v)

secret_value(v) if regex.match(`^gh[pousr]_[A-Za-z0-9]{20,}$`, v)

literal(v) if not contains(v, "${")

# METADATA
# title: No secret literals in variables
# description: >-
#   A password or key written into a Score file ends up in version control and in every generated file.
#   Take secrets from a resource output instead, e.g. `${resources.db.password}`.
# custom:
#   id: score/no-secret-literals
#   severity: error
deny_no_secret_literals contains result if {
	some cname, c in input.containers
	some name, value in object.get(c, "variables", {})
	secret_name(name)
	value != ""
	literal(value)
	result := {
		"msg": sprintf("variable %s of container %q holds a literal secret: use a resource output such as ${resources.<name>.password}", [name, cname]),
		"path": sprintf("/containers/%s/variables/%s", [cname, name]),
	}
}

deny_no_secret_literals contains result if {
	some cname, c in input.containers
	some name, value in object.get(c, "variables", {})
	not secret_name(name)
	secret_value(value)
	result := {
		"msg": sprintf("variable %s of container %q looks like a credential: use a resource output instead", [name, cname]),
		"path": sprintf("/containers/%s/variables/%s", [cname, name]),
	}
}
