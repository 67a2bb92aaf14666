package main

import rego.v1

ports := object.get(input, ["service", "ports"], {})

# METADATA
# title: Service ports are sane
# description: >-
#   Port numbers within 1–65535, a known protocol (TCP, UDP, SCTP), and no port number published twice by
#   the same workload.
# custom:
#   id: score/service-ports
#   severity: error
deny_service_ports contains result if {
	some name, p in ports
	some field in ["port", "targetPort"]
	n := p[field]
	not valid_port(n)
	result := {
		"msg": sprintf("service port %q: %s %v is outside 1-65535", [name, field, n]),
		"path": sprintf("/service/ports/%s/%s", [name, field]),
	}
}

deny_service_ports contains result if {
	some name, p in ports
	not upper(object.get(p, "protocol", "TCP")) in {"TCP", "UDP", "SCTP"}
	result := {
		"msg": sprintf("service port %q: protocol %q is not TCP, UDP or SCTP", [name, p.protocol]),
		"path": sprintf("/service/ports/%s/protocol", [name]),
	}
}

deny_service_ports contains result if {
	some a, pa in ports
	some b, pb in ports
	a < b
	pa.port == pb.port
	object.get(pa, "protocol", "TCP") == object.get(pb, "protocol", "TCP")
	result := {
		"msg": sprintf("service ports %q and %q both publish port %v", [a, b, pa.port]),
		"path": sprintf("/service/ports/%s/port", [b]),
	}
}

valid_port(n) if {
	is_number(n)
	n >= 1
	n <= 65535
}
