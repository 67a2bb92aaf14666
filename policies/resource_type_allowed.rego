package main

import rego.v1

# METADATA
# title: Resource types come from the platform's allow-list
# description: >-
#   Platform teams decide which resource types they provide. List them in data
#   (`scorec.allowed_resource_types: [postgres, redis, …]`, via --data); any other type is refused.
#   Without that list the rule is off.
# custom:
#   id: score/resource-type-allowed
#   severity: error
deny_resource_type_allowed contains result if {
	allowed := data.scorec.allowed_resource_types
	some name, r in object.get(input, "resources", {})
	not r.type in allowed
	result := {
		"msg": sprintf("resource %q has type %q, which the platform does not provide (allowed: %s)", [name, r.type, concat(", ", sort(allowed))]),
		"path": sprintf("/resources/%s/type", [name]),
	}
}
