package main

import rego.v1

has_probe(c) if c.readinessProbe

has_probe(c) if c.livenessProbe

# METADATA
# title: Start ordering waits for states the containers can reach
# description: >-
#   Waiting for `ready: healthy` needs a readiness (or liveness) probe on the awaited container, or the
#   platform can never call it healthy; `ready: complete` on a container that also serves traffic means the
#   dependent container never starts while it runs.
# custom:
#   id: score/before-sanity
#   severity: warning
warn_before_sanity contains result if {
	some name, c in input.containers
	some dep, b in object.get(c, "before", {})
	b.ready == "healthy"
	awaited := input.containers[dep]
	not has_probe(awaited)
	result := {
		"msg": sprintf("container %q waits for %q to be healthy, but %q has no probe to tell", [name, dep, dep]),
		"path": sprintf("/containers/%s/before/%s", [name, dep]),
	}
}

warn_before_sanity contains result if {
	some name, c in input.containers
	some dep, b in object.get(c, "before", {})
	b.ready == "complete"
	count(object.get(input, ["service", "ports"], {})) > 0
	count(input.containers) == 2
	result := {
		"msg": sprintf("container %q waits for %q to complete: make sure %q is a one-shot job, not the service", [name, dep, dep]),
		"path": sprintf("/containers/%s/before/%s", [name, dep]),
		"severity": "info",
	}
}
