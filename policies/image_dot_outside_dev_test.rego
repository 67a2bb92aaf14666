package main

import rego.v1

test_dot_in_prod_is_denied if {
	count(deny_image_dot_outside_dev) == 1 with input as {"containers": {"web": {"image": "."}}} with data.scorec.environment as "prod"
}

test_dot_in_dev_passes if {
	count(deny_image_dot_outside_dev) == 0 with input as {"containers": {"web": {"image": "."}}}
}
