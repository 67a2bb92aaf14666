package main

import rego.v1

test_request_above_limit_is_denied if {
	some r in deny_requests_within_limits with input as {"containers": {"web": {"resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "1"}}}}}
	r.path == "/containers/web/resources/requests/cpu"
}

test_memory_units_compare_as_bytes if {
	count(deny_requests_within_limits) == 1 with input as {"containers": {"web": {"resources": {"limits": {"memory": "1Gi"}, "requests": {"memory": "1500Mi"}}}}}
}

test_equal_is_fine if {
	count(deny_requests_within_limits) == 0 with input as {"containers": {"web": {"resources": {"limits": {"memory": "1Gi", "cpu": "1"}, "requests": {"memory": "1024Mi", "cpu": "1000m"}}}}}
}
