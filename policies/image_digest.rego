package main

import rego.v1

# METADATA
# title: Prefer image digests
# description: >-
#   A tag can be moved to another image; a digest cannot. Pinning `image:tag@sha256:…` makes a deployment
#   reproducible. Informational: tags are often good enough in development.
# custom:
#   id: score/image-digest
#   severity: info
warn_image_digest contains result if {
	some name, c in input.containers
	c.image != "."
	not contains(c.image, "@sha256:")
	result := {
		"msg": sprintf("container %q: consider pinning image %q by digest (…@sha256:…)", [name, c.image]),
		"path": sprintf("/containers/%s/image", [name]),
		"severity": "info",
	}
}
