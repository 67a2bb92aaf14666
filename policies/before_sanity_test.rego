package main

import rego.v1

test_healthy_without_probe_warns if {
	count(warn_before_sanity) == 1 with input as {"containers": {"app": {"before": {"db": {"ready": "healthy"}}}, "db": {"image": "x"}}}
}

test_healthy_with_probe_passes if {
	count(warn_before_sanity) == 0 with input as {"containers": {"app": {"before": {"db": {"ready": "healthy"}}}, "db": {"readinessProbe": {"exec": {"command": ["true"]}}}}}
}
