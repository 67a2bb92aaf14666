package main

import rego.v1

test_unknown_type_is_denied if {
	some r in deny_resource_type_allowed with input as {"resources": {"q": {"type": "kafka"}}} with data.scorec.allowed_resource_types as ["postgres", "redis"]
	r.msg == "resource \"q\" has type \"kafka\", which the platform does not provide (allowed: postgres, redis)"
}

test_allowed_type_passes if {
	count(deny_resource_type_allowed) == 0 with input as {"resources": {"db": {"type": "postgres"}}} with data.scorec.allowed_resource_types as ["postgres"]
}

test_without_list_the_rule_is_off if {
	count(deny_resource_type_allowed) == 0 with input as {"resources": {"q": {"type": "kafka"}}}
}
