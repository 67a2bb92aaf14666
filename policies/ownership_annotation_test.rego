package main

import rego.v1

test_missing_owner_warns if {
	count(warn_ownership_annotation) == 1 with input as {"metadata": {"name": "w"}}
}

test_owner_present_passes if {
	count(warn_ownership_annotation) == 0 with input as {"metadata": {"name": "w", "annotations": {"scorec.dev/owner": "team-a"}}}
}

test_key_comes_from_data if {
	count(warn_ownership_annotation) == 0 with input as {"metadata": {"name": "w", "annotations": {"example.com/team": "a"}}} with data.scorec.required_annotations as ["example.com/team"]
}
