package main

import rego.v1

test_0666_is_denied if {
	some r in deny_world_writable_file with input as {"containers": {"web": {"files": {"/etc/app.conf": {"mode": "0666", "content": "x"}}}}}
	r.path == "/containers/web/files/~1etc~1app.conf/mode"
}

test_0644_passes if {
	count(deny_world_writable_file) == 0 with input as {"containers": {"web": {"files": {"/a": {"mode": "0644", "content": "x"}}}}}
}

test_no_mode_passes if {
	count(deny_world_writable_file) == 0 with input as {"containers": {"web": {"files": {"/a": {"content": "x"}}}}}
}
