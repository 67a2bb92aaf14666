package main

import rego.v1

# METADATA
# title: CPU and memory limits and requests are set
# description: >-
#   Without requests the scheduler cannot place a workload sensibly; without limits one container can
#   starve its neighbours. Set `resources.limits` and `resources.requests` for cpu and memory.
# custom:
#   id: score/resource-limits
#   severity: warning
warn_resource_limits contains result if {
	some name, c in input.containers
	some kind in ["limits", "requests"]
	some what in ["cpu", "memory"]
	not c.resources[kind][what]
	result := {
		"msg": sprintf("container %q sets no %s %s", [name, what, trim_suffix(kind, "s")]),
		"path": sprintf("/containers/%s", [name]),
	}
}
