// Policy findings through the CLI, in every output format, with conftest's --fail-on-warn exit codes;
// and the built-in pack's own unit tests through `scorec policy test`.
import { describe, expect, it } from "vitest";
import { fixture } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const policy = fixture("policy", "conftest");
const web = fixture("policy", "web.score.yaml");

describe("check --policy", () => {
  it.each([
    ["pretty", "3:9"],
    ["json", '"line": 3'],
    ["sarif", '"startLine": 3'],
    ["github", "line=3,col=9"],
    ["junit", "main.deny"],
    ["tap", "main.deny"],
  ])("%s output carries the positioned policy finding", (format, position) => {
    const r = runCli(["check", web, "--policy", policy, "--format", format]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("container main uses a latest tag");
    expect(r.stdout).toContain(position);
  });

  it("--fail-on-warn follows conftest: 2 failures, 1 warnings only, 0 clean", () => {
    expect(runCli(["check", web, "--policy", policy, "--fail-on-warn"]).code).toBe(2);
    expect(runCli(["check", fixture("policy", "unowned.score.yaml"), "--policy", policy, "--fail-on-warn"]).code).toBe(1);
    expect(runCli(["check", fixture("policy", "owned.score.yaml"), "--policy", policy, "--fail-on-warn"]).code).toBe(0);
    // Without the flag, warnings alone do not fail.
    expect(runCli(["check", fixture("policy", "unowned.score.yaml"), "--policy", policy]).code).toBe(0);
  });
});

describe("scorec policy test", () => {
  it("runs the built-in pack's _test.rego suites, all passing", () => {
    const r = runCli(["policy", "test", "policies"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^(\d+) passed, 0 failed$/m);
    expect(Number(/^(\d+) passed/m.exec(r.stdout)![1])).toBeGreaterThanOrEqual(35);
    expect(r.code).toBe(0);
  });

  it("fails with exit 1 when a test fails", () => {
    const r = runCli(["policy", "test", fixture("policy", "failing-test")]);
    expect(r.stdout).toMatch(/^FAIL .*test_always_fails/m);
    expect(r.stdout).toMatch(/^1 passed, 1 failed$/m);
    expect(r.code).toBe(1);
  });
});
