package main

import rego.v1

svc := {"ports": {"http": {"port": 80}}}

probe := {"httpGet": {"path": "/", "port": 80}}

test_missing_probes_warn if {
	count(warn_probes_for_service) == 2 with input as {"metadata": {"name": "w"}, "service": svc, "containers": {"web": {"image": "x"}}}
}

test_probes_present_pass if {
	count(warn_probes_for_service) == 0 with input as {"metadata": {"name": "w"}, "service": svc, "containers": {"web": {"readinessProbe": probe, "livenessProbe": probe}}}
}

test_no_service_no_warning if {
	count(warn_probes_for_service) == 0 with input as {"metadata": {"name": "w"}, "containers": {"web": {"image": "x"}}}
}
