// `scorec policy test --coverage` and `--trace`/`--explain`: OPA's coverage rules (a line is covered when an
// expression on it was evaluated or a rule clause headed on it exited; `some` declarations, imports, comments
// and the package line count for nothing) and a bounded evaluation trace under failing tests.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runPolicyTests } from "../../src/policy/policy-test.js";
import { MAX_TRACE_LINES } from "../../src/policy/test-trace.js";
import { fixture } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const dir = fixture("policy", "coverage");
const modules = ["p.rego", "p_test.rego"].map((f) => ({ path: f, source: readFileSync(join(dir, f), "utf8") }));
const row = (a: number, b = a) => ({ start: { row: a }, end: { row: b } });

describe("policy test --coverage", () => {
  it("reports covered and not-covered rows in opa test --coverage's shape", () => {
    const run = runPolicyTests(modules, { coverage: true });
    expect(run.results.map((r) => [r.name, r.passed])).toEqual([
      ["test_admin", true],
      ["test_level", true],
      ["test_fail", false],
    ]);
    // p.rego: 5-6 (first allow exits), 10 (evaluated, fails), 14 (default used), 16 (body evaluated);
    // 9 (second allow never exits), 11 (never reached), 18 (the comprehension rule is never evaluated).
    expect(run.coverage!.files["p.rego"]).toEqual({
      covered: [row(5, 6), row(10), row(14), row(16)],
      not_covered: [row(9), row(11), row(18)],
      covered_lines: 5,
      not_covered_lines: 3,
      coverage: 62.5,
    });
    // p_test.rego: test_fail's head never exits (its body fails), every other expression runs.
    expect(run.coverage!.files["p_test.rego"]).toEqual({
      covered: [row(5, 6), row(9, 10), row(14, 15)],
      not_covered: [row(13)],
      covered_lines: 6,
      not_covered_lines: 1,
      coverage: (100 * 6) / 7,
    });
    expect(run.coverage).toMatchObject({ covered_lines: 11, not_covered_lines: 4, coverage: (100 * 11) / 15 });
  });

  it("a fully covered file has no not_covered key (OPA's omitempty) and --run narrows what is covered", () => {
    const src = "package q\n\nf(x) := y if {\n\ty := x + 1\n}\n\ntest_f if f(1) == 2\n";
    const full = runPolicyTests([{ path: "q.rego", source: src }], { coverage: true });
    expect(full.coverage!.files["q.rego"]).toEqual({ covered: [row(3, 4), row(7)], covered_lines: 3, coverage: 100 });
    const none = runPolicyTests([{ path: "q.rego", source: src }], { coverage: true, filter: /nothing/ });
    expect(none.coverage).toEqual({
      files: { "q.rego": { not_covered: [row(3, 4), row(7)], not_covered_lines: 3 } },
      covered_lines: 0,
      not_covered_lines: 3,
      coverage: 0,
    });
  });

  it("without --coverage nothing is recorded", () => {
    expect(runPolicyTests(modules).coverage).toBeUndefined();
  });

  it("the CLI prints the percentages before the summary line, and the report under --format json", () => {
    const r = runCli(["policy", "test", dir, "--coverage"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("2 passed, 1 failed");
    expect(r.stdout).toContain("coverage 73.33% (11 of 15 lines)\n");
    expect(r.stdout).toMatch(/p\.rego {2}62\.50% {2}not covered: 9, 11, 18\n/);
    const j = JSON.parse(runCli(["policy", "test", dir, "--coverage", "--format", "json"]).stdout);
    expect(j.coverage.covered_lines).toBe(11);
    expect(Object.keys(j.coverage.files).every((f: string) => f.endsWith(".rego"))).toBe(true);
  });
});

describe("policy test --trace / --explain", () => {
  it("full: enter/eval/fail/exit events with file:row, nested by rule depth, under the failing test only", () => {
    const run = runPolicyTests(modules, { explain: "full" });
    const failing = run.results.find((r) => r.name === "test_fail")!;
    expect(run.results.filter((r) => r.trace)).toEqual([failing]);
    expect(failing.trace).toEqual([
      "p_test.rego:13           | Enter test_fail if {",
      "p_test.rego:14           | | Eval trace(\"checking\")",
      "p_test.rego:14           | | Note \"checking\"",
      "p_test.rego:15           | | Eval allow with input as {\"user\": \"nobody\"}",
      "p.rego:5                 | | Enter allow if {",
      "p.rego:6                 | | | Eval input.user == \"admin\"",
      "p.rego:6                 | | | Fail input.user == \"admin\"",
      "p.rego:9                 | | Enter allow if {",
      "p.rego:10                | | | Eval input.user == \"root\"",
      "p.rego:10                | | | Fail input.user == \"root\"",
      "p_test.rego:15           | | Fail allow with input as {\"user\": \"nobody\"}",
    ]);
  });

  it("fails keeps failures and notes; notes keeps notes", () => {
    const fails = runPolicyTests(modules, { explain: "fails" }).results.find((r) => r.name === "test_fail")!.trace!;
    expect(fails.map((l) => l.split(/\s+\|/)[0] + " " + l.replace(/^.*\| /, ""))).toEqual([
      'p_test.rego:14 Note "checking"',
      'p.rego:6 Fail input.user == "admin"',
      'p.rego:10 Fail input.user == "root"',
      'p_test.rego:15 Fail allow with input as {"user": "nobody"}',
    ]);
    const notes = runPolicyTests(modules, { explain: "notes" }).results.find((r) => r.name === "test_fail")!.trace!;
    expect(notes).toEqual(['p_test.rego:14           | | Note "checking"']);
  });

  it("a long trace is cut at MAX_TRACE_LINES and says how many events it dropped", () => {
    const src = "package l\n\ntest_loop if {\n\tsome i in numbers.range(1, 1000)\n\ti < 0\n}\n";
    const t = runPolicyTests([{ path: "l.rego", source: src }], { explain: "full" }).results[0]!.trace!;
    expect(t).toHaveLength(MAX_TRACE_LINES + 1);
    expect(t.at(-1)).toMatch(/^… \d+ more trace events not shown$/);
  });

  it("the CLI prints the trace under the failure and keeps the summary last; a bad mode is a usage error", () => {
    const r = runCli(["policy", "test", dir, "--trace"]);
    expect(r.stdout).toMatch(/FAIL .*p\.test_fail .*\n {4}.*p_test\.rego:13 +\| Enter test_fail if \{\n/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("2 passed, 1 failed");
    const bad = runCli(["policy", "test", dir, "--explain", "loud"]);
    expect(bad.code).not.toBe(0);
    expect(bad.code).not.toBe(1);
    expect(bad.stderr).toContain('--explain: expected full, fails, notes, got "loud"');
  });
});
