// 100 000 bad placeholders: at most MAX_PLACEHOLDER_ERRORS findings per file plus one "and N more", in
// seconds. Absurd nesting (a provisioner file, a Score file): a positioned "too deeply nested", never
// `Maximum call stack size exceeded`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PLACEHOLDER_ERRORS } from "../../src/pipeline/report-at.js";
import { check } from "../../src/api/check.js";
import { runFenced, scratch, withinBounds } from "./harness.js";

const tmp = scratch("ph");
const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n";

describe("many bad placeholders", () => {
  it("100 000 on one line: the first N, then one 'and M more', within seconds (pretty and json)", () => {
    const bad = Array.from({ length: 100_000 }, (_, i) => `\${bad${i}.x}`).join(" ");
    const file = tmp.write("many.score.yaml", `${head}      A: "${bad}"\n`);
    for (const format of ["pretty", "json"]) {
      const r = runFenced(["check", file, "--format", format], { timeoutMs: 15_000 });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`and ${100_000 - MAX_PLACEHOLDER_ERRORS} more placeholder error(s) in this file`);
      expect(r.ms).toBeLessThan(12_000);
    }
  });

  it("random bad placeholders spread over variables: never more than N + 1 findings per file", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 10 }), (vars) => {
        const body = vars.map((names, i) => `      V${i}: "${names.map((n) => `\${${n}.x}`).join("-")}"\n`).join("");
        const total = vars.reduce((n, v) => n + v.length, 0);
        const r = withinBounds(() => check([{ path: "r.score.yaml", contents: head + body }]));
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        expect(errors.length).toBe(Math.min(total, MAX_PLACEHOLDER_ERRORS + 1));
        if (total > MAX_PLACEHOLDER_ERRORS) expect(errors.some((d) => d.message.startsWith(`and ${total - MAX_PLACEHOLDER_ERRORS} more`))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe("deep nesting", () => {
  it("a provisioner file nested 5000 levels is a positioned 'too deeply nested' error", () => {
    const prov = tmp.write("deep.provisioners.yaml", `- uri: template://t\n  type: thing\n  params: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    const score = tmp.write("score.yaml", head.replace("    variables:\n", ""));
    const r = runFenced(["generate", score, "-o", "-", "--provisioners", prov]);
    expect(r.signal).toBeNull();
    expect(r.stderr).toMatch(/deep\.provisioners\.yaml\n\s+3:\d+\s+error\s+too deeply nested/);
    expect(r.stderr).not.toContain("Maximum call stack");
  });

  it("a Score file nested absurdly deep, in flow or block style", () => {
    for (const text of [`${head}      A: ${"[".repeat(20000)}${"]".repeat(20000)}\n`, `${head}      A: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`]) {
      const r = withinBounds(() => check([{ path: "deep.score.yaml", contents: text }]));
      const msgs = r.diagnostics.map((d) => d.message).join("\n");
      expect(msgs).toMatch(/too deeply nested|nesting deeper than/);
      expect(msgs).not.toContain("Maximum call stack");
    }
  });
});
