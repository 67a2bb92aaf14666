package main

import rego.v1

# "." means "built from source" (see score/image-dot-outside-dev); digests are pinned by definition.
pinnable(image) if {
	image != "."
	not contains(image, "@")
}

# The tag is what follows the last ":" after the last "/" (a registry port is not a tag).
image_tag(image) := tag if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	tag := substring(last, indexof(last, ":") + 1, -1)
}

# METADATA
# title: Container images are pinned
# description: >-
#   An image without a tag, or with the `:latest` tag, changes under your feet: two deployments of the same
#   Score file can run different code. Pin a version tag, or better a digest (`image@sha256:…`).
# custom:
#   id: score/image-pinned
#   severity: error
deny_image_pinned contains result if {
	some name, c in input.containers
	pinnable(c.image)
	image_tag(c.image) == "latest"
	result := {
		"msg": sprintf("container %q uses image %q: pin a version tag or a digest instead of :latest", [name, c.image]),
		"path": sprintf("/containers/%s/image", [name]),
	}
}

deny_image_pinned contains result if {
	some name, c in input.containers
	pinnable(c.image)
	not image_tag(c.image)
	result := {
		"msg": sprintf("container %q uses image %q without a tag: pin a version tag or a digest", [name, c.image]),
		"path": sprintf("/containers/%s/image", [name]),
	}
}
