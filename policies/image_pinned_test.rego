package main

import rego.v1

test_latest_is_denied if {
	count(deny_image_pinned) == 1 with input as {"containers": {"web": {"image": "nginx:latest"}}}
}

test_missing_tag_is_denied if {
	some r in deny_image_pinned with input as {"containers": {"web": {"image": "nginx"}}}
	r.path == "/containers/web/image"
}

test_registry_port_is_not_a_tag if {
	count(deny_image_pinned) == 1 with input as {"containers": {"web": {"image": "registry.local:5000/team/app"}}}
}

test_version_tag_passes if {
	count(deny_image_pinned) == 0 with input as {"containers": {"web": {"image": "registry.local:5000/team/app:1.2.3"}}}
}

test_digest_passes if {
	count(deny_image_pinned) == 0 with input as {"containers": {"web": {"image": "nginx@sha256:0123456789abcdef"}}}
}

test_build_from_source_is_not_judged_here if {
	count(deny_image_pinned) == 0 with input as {"containers": {"web": {"image": "."}}}
}
