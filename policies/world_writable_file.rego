package main

import rego.v1

# The last octal digit holds the "other" permissions; 2 is write.
world_writable(mode) if {
	digit := to_number(substring(mode, count(mode) - 1, 1))
	bits.and(digit, 2) == 2
}

# METADATA
# title: No world-writable files
# description: >-
#   A file mode that lets any user write (e.g. 0666, 0777) lets any process in the container change
#   configuration or code. Use 0644 or stricter.
# custom:
#   id: score/world-writable-file
#   severity: error
deny_world_writable_file contains result if {
	some cname, c in input.containers
	some target, f in object.get(c, "files", {})
	world_writable(f.mode)
	result := {
		"msg": sprintf("file %s of container %q has mode %s, writable by everyone", [target, cname, f.mode]),
		"path": sprintf("/containers/%s/files/%s/mode", [cname, replace(replace(target, "~", "~0"), "/", "~1")]),
	}
}
