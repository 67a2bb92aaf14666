package main

import rego.v1

test_tag_without_digest_is_noted if {
	some r in warn_image_digest with input as {"containers": {"web": {"image": "nginx:1.27"}}}
	r.severity == "info"
}

test_digest_is_quiet if {
	count(warn_image_digest) == 0 with input as {"containers": {"web": {"image": "nginx:1.27@sha256:abcd"}}}
}
