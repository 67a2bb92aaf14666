package main

import rego.v1

exposes_service if count(object.get(input, ["service", "ports"], {})) > 0

# METADATA
# title: Workloads that expose a service have probes
# description: >-
#   A workload with service ports receives traffic; without a readiness probe it gets traffic before it
#   can answer, and without a liveness probe a hung process is never restarted.
# custom:
#   id: score/probes-for-service
#   severity: warning
warn_probes_for_service contains result if {
	exposes_service
	some name, c in input.containers
	some probe in ["readinessProbe", "livenessProbe"]
	not c[probe]
	result := {
		"msg": sprintf("workload %q exposes a service but container %q has no %s", [input.metadata.name, name, probe]),
		"path": sprintf("/containers/%s", [name]),
	}
}
