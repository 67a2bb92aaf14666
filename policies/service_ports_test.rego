package main

import rego.v1

test_port_out_of_range if {
	count(deny_service_ports) == 1 with input as {"service": {"ports": {"web": {"port": 70000}}}}
}

test_duplicate_port if {
	some r in deny_service_ports with input as {"service": {"ports": {"a": {"port": 80}, "b": {"port": 80}}}}
	r.path == "/service/ports/b/port"
}

test_same_port_other_protocol_is_fine if {
	count(deny_service_ports) == 0 with input as {"service": {"ports": {"a": {"port": 53}, "b": {"port": 53, "protocol": "UDP"}}}}
}

test_bad_protocol if {
	count(deny_service_ports) == 1 with input as {"service": {"ports": {"a": {"port": 80, "protocol": "HTTP"}}}}
}
