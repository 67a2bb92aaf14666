// conftest's parse_config / parse_config_file / parse_combined_config_files and OPA's json.match_schema /
// json.verify_schema, through `policy test` (the way a policy library's unit tests reach them).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { runPolicyTests } from "../../src/policy/policy-test.js";
import { fixture } from "../helpers/paths.js";

const root = fixture("policy", "config-files");

/** Runs `test_x if { <body> }` in a policy at `file` (relative to the root) and returns pass/fail and why. */
function check(body: string, file = "p.rego") {
  const run = runPolicyTests([{ path: file, source: `package t\n\ntest_x if {\n${body}\n}\n` }], { root });
  expect(run.compileErrors).toEqual([]);
  return run.results[0]!;
}

describe("parse_config", () => {
  it.each([
    ['parse_config("yaml", "a: 1\\nb: [x]") == {"a": 1, "b": ["x"]}'],
    ['parse_config("yaml", "a: 1\\n---\\na: 2") == [{"a": 1}, {"a": 2}]'],
    ['parse_config("json", "{\\"a\\": [1, 2.5]}") == {"a": [1, 2.5]}'],
    ['parse_config("toml", "a = 1\\n[t]\\nb = \\"x\\"") == {"a": 1, "t": {"b": "x"}}'],
    ['parse_config("ini", "[s]\\nk = v\\nn = 1\\nb = true") == {"s": {"k": "v", "n": "1", "b": "true"}}'],
    ['parse_config("dotenv", "A=1\\nB=\\"x y\\"") == {"A": "1", "B": "x y"}'],
    ['parse_config("hcl2", "a = 1\\nb \\"l\\" { c = \\"x\\" }") == {"a": 1, "b": {"l": [{"c": "x"}]}}'],
  ])("%s", (expr) => {
    expect(check(expr)).toMatchObject({ passed: true });
  });

  it("an unknown parser, a parser scorec lacks and bad text are errors", () => {
    const strict = (expr: string) => runPolicyTests([{ path: "p.rego", source: `package t\n\ntest_x if ${expr}\n` }], { root }).results[0]!;
    // Builtin errors make the expression undefined (OPA's non-strict mode): the test fails.
    expect(strict('parse_config("nope", "")')).toMatchObject({ passed: false, reason: "undefined" });
    expect(strict('parse_config("hcl1", "a = 1")')).toMatchObject({ passed: false });
    expect(strict('parse_config("hcl2", "a = {")')).toMatchObject({ passed: false });
    expect(strict('parse_config("json", "{")')).toMatchObject({ passed: false });
  });
});

describe("parse_config_file / parse_combined_config_files", () => {
  it("reads by extension, relative to the calling policy's folder", () => {
    expect(check('parse_config_file("settings.json") == {"port": 8080}')).toMatchObject({ passed: true });
    expect(check('parse_config_file("conf.toml") == {"title": "x", "server": {"port": 80, "when": "1979-05-27T07:32:00.000Z"}}')).toMatchObject({ passed: true });
    expect(check('parse_config_file("conf.ini") == {"db": {"host": "localhost", "port": "5432", "ssl": "true"}}')).toMatchObject({ passed: true });
    expect(check('parse_config_file("app.env") == {"A": "1", "B": "two words"}')).toMatchObject({ passed: true });
    expect(check('parse_config_file("../app.yaml") == [{"name": "a", "replicas": 2}, {"name": "b"}]', "sub/p.rego")).toMatchObject({ passed: true });
    expect(check('parse_config_file("nested.yaml") == {"x": 1}', "sub/p.rego")).toMatchObject({ passed: true });
  });

  it("a .tf file is read by conftest's hcl2 converter: the same JSON as @cdktf/hcl2json (HashiCorp's build of it)", async () => {
    const expected = await parseHcl("main.tf", readFileSync(join(root, "main.tf"), "utf8"));
    expect(JSON.stringify(expected)).toContain('"logs-${var.region}"');
    expect(check(`parse_config_file("main.tf") == ${JSON.stringify(expected)}`)).toMatchObject({ passed: true });
  });

  it("combines files as conftest does: [{path, contents}] sorted by path, one entry per YAML document", () => {
    const r = check(`
	c := parse_combined_config_files(["sub/nested.yaml", "app.yaml"])
	c == [
		{"path": "app.yaml", "contents": {"name": "a", "replicas": 2}},
		{"path": "app.yaml", "contents": {"name": "b"}},
		{"path": "sub/nested.yaml", "contents": {"x": 1}},
	]`);
    expect(r).toMatchObject({ passed: true });
  });

  it.each([
    ['parse_config_file("../web.score.yaml")', "path is outside the project root"],
    ['parse_config_file("sub/../../web.score.yaml")', "path is outside the project root"],
    ['parse_config_file("/etc/hostname")', "path is outside the project root"],
    ['parse_config_file("outside.yaml")', "path leads outside the project root (symlink)"],
    ['parse_combined_config_files(["app.yaml", "../web.score.yaml"])', "path is outside the project root"],
  ])("%s is an error that stops the test, never a read", (expr, why) => {
    const r = check(`\t${expr}`);
    expect(r.passed).toBe(false);
    expect(r.reason).toContain(why);
  });

  it("a missing file fails the expression", () => {
    expect(check('parse_config_file("missing.yaml")')).toMatchObject({ passed: false, reason: "undefined" });
  });
});

describe("json.match_schema / json.verify_schema", () => {
  const schema = `{"type": "object", "properties": {"name": {"type": "string"}, "port": {"type": "integer", "minimum": 1}}, "required": ["name"], "additionalProperties": false}`;

  it("a matching document gives [true, []]", () => {
    expect(check(`json.match_schema({"name": "x", "port": 80}, ${schema}) == [true, []]`)).toMatchObject({ passed: true });
    // Strings are JSON text, as in OPA.
    expect(check(`json.match_schema("{\\"name\\": \\"x\\"}", json.marshal(${schema})) == [true, []]`)).toMatchObject({ passed: true });
  });

  it("errors carry gojsonschema's {error, type, field, desc}", () => {
    const r = check(`
	[ok, errs] := json.match_schema({"port": "80", "extra": 1}, ${schema})
	ok == false
	{e | some e in errs} == {
		{"error": "(root): name is required", "type": "required", "field": "(root)", "desc": "name is required"},
		{"error": "(root): Additional property extra is not allowed", "type": "additional_property_not_allowed", "field": "(root)", "desc": "Additional property extra is not allowed"},
		{"error": "port: Invalid type. Expected: integer, given: string", "type": "invalid_type", "field": "port", "desc": "Invalid type. Expected: integer, given: string"},
	}`);
    expect(r).toMatchObject({ passed: true });
    expect(check(`json.match_schema({"name": "x", "port": 0}, ${schema})[1][0].desc == "Must be greater than or equal to 1"`)).toMatchObject({ passed: true });
    expect(check(`json.match_schema({"a": [1]}, {"properties": {"a": {"items": {"enum": ["x", "y"]}}}})[1][0].error == "a.0: a.0 must be one of the following: \\"x\\", \\"y\\""`)).toMatchObject({ passed: true });
  });

  it("draft-04 schemas (exclusiveMinimum as a boolean) are read as draft-04", () => {
    const d4 = `{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"n": {"type": "number", "minimum": 5, "exclusiveMinimum": true}}}`;
    expect(check(`json.match_schema({"n": 5}, ${d4})[1][0].error == "n: Must be greater than 5"`)).toMatchObject({ passed: true });
    // A bare number is neither JSON text nor an object: OPA's loader refuses it.
    expect(check(`json.match_schema(5, ${d4})`)).toMatchObject({ passed: false, reason: "undefined" });
    expect(check(`json.verify_schema(${d4}) == [true, null]`)).toMatchObject({ passed: true });
  });

  it("verify_schema gives [false, message] for a bad schema or bad JSON text; match_schema with a bad schema fails", () => {
    expect(check(`[false, m] := json.verify_schema({"type": "nope"})\n\tstartswith(m, "jsonschema: ")`)).toMatchObject({ passed: true });
    expect(check(`json.verify_schema("{") == [false, "jsonschema: invalid JSON string"]`)).toMatchObject({ passed: true });
    expect(check(`json.verify_schema(1) == [false, "jsonschema: wrong type, expected string or object"]`)).toMatchObject({ passed: true });
    expect(check(`json.match_schema({}, {"type": "nope"})`)).toMatchObject({ passed: false, reason: "undefined" });
  });

  it("patterns are Go regular expressions run in linear time (a catastrophic pattern on a long string returns)", () => {
    const r = check(`
	s := concat("", array.concat(["a" | some _ in numbers.range(1, 30000)], ["!"]))
	[false, errs] := json.match_schema({"s": s}, {"properties": {"s": {"pattern": "^(a|a)*$"}}})
	errs[0].type == "pattern"`);
    expect(r.reason).toBeUndefined();
    expect(check(`json.match_schema({"s": "x"}, {"properties": {"s": {"pattern": "\\\\p{Greek}"}}}) == [false, [{"desc": "Does not match pattern '\\\\p{Greek}'", "error": "s: Does not match pattern '\\\\p{Greek}'", "field": "s", "type": "pattern"}]]`)).toMatchObject({ passed: true });
  });

  it("the same $id used twice in a run is not a duplicate-schema error", () => {
    const s = `{"$id": "https://example.com/s", "type": "object"}`;
    expect(check(`json.match_schema({}, ${s}) == [true, []]\n\tjson.verify_schema(${s}) == [true, null]\n\tjson.match_schema({"a": 1}, ${s}) == [true, []]`)).toMatchObject({ passed: true });
  });
});
