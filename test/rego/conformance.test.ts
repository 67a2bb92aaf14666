// Runs the shared conformance corpora in-process and guards the pass rate against regressions.
// Rate = passed / (passed + failed); documented skips (src/rego/conformance/skips.ts) are excluded.
import { describe, expect, it } from "vitest";
import { runDir, type RunSummary } from "../../src/rego/conformance/runner.js";
import { corpus } from "../helpers/paths.js";

const OPA = corpus("opa-conformance");
const REGO_CASES = [corpus("regorus"), corpus("rego-cpp")];

/** Floors: the rates reached, rounded down a couple of points. Raise them as the engine improves. */
const FLOOR = { opa: 0.97, regoCases: 0.95 };

function rate(rs: RunSummary[]): { rate: number; passed: number; failed: number } {
  const passed = rs.reduce((a, r) => a + r.passed, 0);
  const failed = rs.reduce((a, r) => a + r.failed, 0);
  return { rate: passed / Math.max(1, passed + failed), passed, failed };
}

describe("rego conformance", () => {
  it("OPA conformance corpus pass rate does not regress", () => {
    const r = rate([runDir(OPA)]);
    expect(r.rate, JSON.stringify(r)).toBeGreaterThanOrEqual(FLOOR.opa);
  });
  it("rego-cases (Regorus + rego-cpp) pass rate does not regress", () => {
    const r = rate(REGO_CASES.map(runDir));
    expect(r.rate, JSON.stringify(r)).toBeGreaterThanOrEqual(FLOOR.regoCases);
  });
});

describe("npm run conformance", () => {
  it("a missing folder is one line on stderr and exit 2, not a stack trace", async () => {
    const { main } = await import("../../src/rego/conformance/cli.js");
    const lines: string[] = [];
    const orig = console.error;
    console.error = (m: string) => void lines.push(m);
    try {
      expect(main([corpus("no-such-corpus")])).toBe(2);
    } finally {
      console.error = orig;
    }
    expect(lines).toEqual([`conformance: ${corpus("no-such-corpus")}: no such folder`]);
  });
});
