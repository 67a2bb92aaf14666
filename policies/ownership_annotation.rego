package main

import rego.v1

default required_annotations := ["scorec.dev/owner"]

required_annotations := data.scorec.required_annotations

# METADATA
# title: Workloads name their owner
# description: >-
#   Someone must be reachable when a workload misbehaves. Require the annotations listed in data
#   (`scorec.required_annotations`, default ["scorec.dev/owner"]) on every workload.
# custom:
#   id: score/ownership-annotation
#   severity: warning
warn_ownership_annotation contains result if {
	some key in required_annotations
	not input.metadata.annotations[key]
	result := {
		"msg": sprintf("workload %q has no %q annotation naming its owner", [input.metadata.name, key]),
		"path": "/metadata/name",
	}
}
