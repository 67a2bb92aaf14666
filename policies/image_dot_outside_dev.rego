package main

import rego.v1

default environment := "dev"

environment := data.scorec.environment

# METADATA
# title: Build-from-source images only in development
# description: >-
#   `image: "."` asks the deployer to build the image from the working tree. That is what a developer wants
#   locally, never what a shared environment should run. The environment comes from --env (data.scorec.environment).
# custom:
#   id: score/image-dot-outside-dev
#   severity: error
deny_image_dot_outside_dev contains result if {
	environment != "dev"
	some name, c in input.containers
	c.image == "."
	result := {
		"msg": sprintf("container %q builds its image from source (image: \".\"), which is for the dev environment only (this is %q)", [name, environment]),
		"path": sprintf("/containers/%s/image", [name]),
	}
}
