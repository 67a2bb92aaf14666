package main

import rego.v1

test_literal_password_is_denied if {
	some r in deny_no_secret_literals with input as {"containers": {"web": {"variables": {"DB_PASSWORD": "hunter2"}}}}
	r.path == "/containers/web/variables/DB_PASSWORD"
}

test_resource_output_passes if {
	count(deny_no_secret_literals) == 0 with input as {"containers": {"web": {"variables": {"DB_PASSWORD": "${resources.db.password}"}}}}
}

test_aws_key_under_any_name_is_denied if {
	count(deny_no_secret_literals) == 1 with input as {"containers": {"web": {"variables": {"X": "AKIAABCDEFGHIJKLMNOP"}}}}
}

test_plain_values_pass if {
	count(deny_no_secret_literals) == 0 with input as {"containers": {"web": {"variables": {"GREETING": "hello", "TOKEN_TTL": ""}}}}
}
