package main

import rego.v1

quantity("cpu", q) := units.parse(q)

quantity("memory", q) := units.parse_bytes(q)

# METADATA
# title: Requests do not exceed limits
# description: >-
#   A request above its limit cannot be satisfied: the platform refuses the workload (Kubernetes) or
#   silently caps it (Compose). Keep every request at or below the matching limit.
# custom:
#   id: score/requests-within-limits
#   severity: error
deny_requests_within_limits contains result if {
	some name, c in input.containers
	some what in ["cpu", "memory"]
	request := quantity(what, c.resources.requests[what])
	limit := quantity(what, c.resources.limits[what])
	request > limit
	result := {
		"msg": sprintf("container %q requests %s %s but its limit is %s", [name, what, c.resources.requests[what], c.resources.limits[what]]),
		"path": sprintf("/containers/%s/resources/requests/%s", [name, what]),
	}
}
