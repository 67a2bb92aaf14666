// issue 14's acceptance corpus: every folder of test/corpora/rego-gaps passes `scorec policy test`
// (the v0-* folders with --rego-version v0), plus the policy-test flags that mirror `opa test`.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpus } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const gaps = readdirSync(corpus("rego-gaps"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("rego-gaps corpus", () => {
  it("has its folders", () => expect(gaps.length).toBeGreaterThanOrEqual(12));
  it.each(gaps)("%s passes scorec policy test", (name) => {
    const args = ["policy", "test", corpus("rego-gaps", name), ...(name.startsWith("v0-") ? ["--rego-version", "v0"] : [])];
    const r = runCli(args);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^[1-9]\d* passed, 0 failed\n$/m);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/passed, 0 failed$/);
    expect(r.code).toBe(0);
  });
  it("counts a parameterized test per case", () => {
    const r = runCli(["policy", "test", corpus("rego-gaps", "parameterized-test"), "--verbose"]);
    expect(r.stdout).toContain('p.test_double["one"]');
    expect(r.stdout).toContain('p.test_double["two"]');
    expect(r.stdout).toMatch(/^2 passed, 0 failed$/m);
  });
});

describe("policy test flags", () => {
  const dir = mkdtempSync(join(tmpdir(), "scorec-ptest-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("v0 code under v1 fails to parse with a hint, and deprecated builtins are v0-only", () => {
    const v0 = corpus("rego-gaps", "v0-policy");
    const r = runCli(["policy", "test", v0]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p\.rego:4:1: rego_parse_error: `if` keyword is required before rule body \(this looks like Rego v0: try --rego-version v0\)/);
    const p = write("dep.rego", 'package d\n\ntest_re if re_match("^a", "abc")\n');
    const v1 = runCli(["policy", "test", p]);
    expect(v1.stderr).toMatch(/undefined function re_match/);
    expect(runCli(["policy", "test", p, "--rego-version", "v0"]).stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(runCli(["policy", "test", p, "--rego-version", "v2"]).stderr).toMatch(/--rego-version takes v0 or v1/);
  });

  it("--data merges a file into data; --run selects tests; print() output shows on failure", () => {
    const policy = write(
      "t.rego",
      'package t\n\ntest_data if data.limits.max == 3\n\ntest_other if true\n\ntest_prints if {\n\tprint("seen", data.limits.max)\n\tfalse\n}\n',
    );
    const data = write("limits.yaml", "limits:\n  max: 3\n");
    const r = runCli(["policy", "test", policy, "--data", data]);
    expect(r.stdout).toContain("FAIL");
    expect(r.stdout).toContain("t.test_prints");
    expect(r.stdout).toContain("    seen 3\n");
    expect(r.stdout).toMatch(/2 passed, 1 failed\n$/);
    const only = runCli(["policy", "test", policy, "--data", data, "--run", "test_data"]);
    expect(only.stdout).toBe("1 passed, 0 failed\n");
    expect(runCli(["policy", "test", policy, "--run", "("]).stderr).toMatch(/--run: invalid regular expression/);
  });

  it("--data DIR loads every JSON/YAML file at its folder's path; tested folders load only data.*", () => {
    mkdirSync(join(dir, "dd", "fixtures", "teams"), { recursive: true });
    writeFileSync(join(dir, "dd", "fixtures", "limits.json"), '{"limits": {"max": 3}}');
    writeFileSync(join(dir, "dd", "fixtures", "teams", "owners.yaml"), "owner: ops\n");
    mkdirSync(join(dir, "dd", "pol"), { recursive: true });
    writeFileSync(join(dir, "dd", "pol", "input.json"), '{"stray": true}');
    writeFileSync(
      join(dir, "dd", "pol", "p.rego"),
      "package dd\n\ntest_file if data.limits.max == 3\n\ntest_nested if data.teams.owner == \"ops\"\n\ntest_no_stray if not data.stray\n",
    );
    const r = runCli(["policy", "test", join(dir, "dd", "pol"), "--data", join(dir, "dd", "fixtures")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("3 passed, 0 failed\n");
  });

  it("a module that calls http.send compiles; only the tests reaching the call fail, never silently", () => {
    const p = write(
      "net.rego",
      'package net_calls\n\nreachable(u) := r if r := http.send({"method": "get", "url": u})\n\nup if reachable("http://127.0.0.1/").status_code == 200\n\n' +
        "test_unrelated if true\n\ntest_up if up\n\ntest_not_up if not up\n\ntest_dns if net.lookup_ip_addr(\"example.org\")\n",
    );
    const r = runCli(["policy", "test", p]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/FAIL .*net_calls\.test_up .*http\.send: not supported by scorec/);
    expect(r.stdout).toMatch(/FAIL .*net_calls\.test_not_up .*http\.send: not supported by scorec/);
    expect(r.stdout).toMatch(/FAIL .*net_calls\.test_dns .*net\.lookup_ip_addr: not supported by scorec/);
    expect(r.stdout).toMatch(/1 passed, 3 failed\n$/);
  });

  it("a looping test fails on its budget and the summary still prints", () => {
    const p = write("loop.rego", "package l\n\ntest_loop if {\n\tcount([x | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000); x == y]) > 0\n}\n\ntest_ok if true\n");
    const t0 = Date.now();
    const r = runCli(["policy", "test", p]);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.stdout).toMatch(/FAIL .*l\.test_loop .*eval_budget_exceeded/);
    expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
    expect(r.code).toBe(1);
  }, 40_000);

  it("a v1 `deny[msg] if` and a result of the wrong shape are errors naming the rule", () => {
    mkdirSync(join(dir, "map"), { recursive: true });
    writeFileSync(join(dir, "map", "p.rego"), 'package main\n\nimport rego.v1\n\ndeny[msg] if {\n\tmsg := "no"\n}\n');
    const score = write("score.yaml", "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n");
    const r = runCli(["check", score, "--policy", join(dir, "map")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("rule main.deny is an object (`deny[msg] if` declares a map in Rego v1): write `deny contains msg if`");
    mkdirSync(join(dir, "num"), { recursive: true });
    writeFileSync(join(dir, "num", "p.rego"), "package main\n\nimport rego.v1\n\ndeny contains 3 if true\n");
    const n = runCli(["check", score, "--policy", join(dir, "num")]);
    expect(n.code).toBe(1);
    expect(n.stdout).toContain('rule main.deny returned 3: a result must be a string or an object with "msg"');
  });
});
