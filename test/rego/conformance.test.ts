// Runs the shared conformance corpora in-process and guards the pass rate against regressions.
// Rate = passed / (passed + failed); documented skips (src/rego/conformance/skips.ts) are excluded.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runDir, type RunSummary } from "../../src/rego/conformance/runner.js";

const OPA = "/work/shared/opa-conformance";
const REGO_CASES = ["/work/shared/rego-cases/regorus", "/work/shared/rego-cases/rego-cpp"];

/** Floors: the rates reached, rounded down a couple of points. Raise them as the engine improves. */
const FLOOR = { opa: 0.97, regoCases: 0.95 };

function rate(rs: RunSummary[]): { rate: number; passed: number; failed: number } {
  const passed = rs.reduce((a, r) => a + r.passed, 0);
  const failed = rs.reduce((a, r) => a + r.failed, 0);
  return { rate: passed / Math.max(1, passed + failed), passed, failed };
}

describe.skipIf(!existsSync(OPA))("rego conformance", () => {
  it("OPA conformance corpus pass rate does not regress", () => {
    const r = rate([runDir(OPA)]);
    expect(r.rate, JSON.stringify(r)).toBeGreaterThanOrEqual(FLOOR.opa);
  });
  it("rego-cases (Regorus + rego-cpp) pass rate does not regress", () => {
    const r = rate(REGO_CASES.map(runDir));
    expect(r.rate, JSON.stringify(r)).toBeGreaterThanOrEqual(FLOOR.regoCases);
  });
});
