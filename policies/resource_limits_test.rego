package main

import rego.v1

full := {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}}

test_all_set_passes if {
	count(warn_resource_limits) == 0 with input as {"containers": {"web": {"image": "x:1", "resources": full}}}
}

test_each_missing_value_is_reported if {
	count(warn_resource_limits) == 4 with input as {"containers": {"web": {"image": "x:1"}}}
}

test_missing_memory_request if {
	some r in warn_resource_limits with input as {"containers": {"web": {"image": "x:1", "resources": {"limits": full.limits, "requests": {"cpu": "1"}}}}}
	r.msg == "container \"web\" sets no memory request"
}
