// Our own YAML cases (test/rego/cases/, OPA conformance format) must all pass.
import { describe, expect, it } from "vitest";
import { runDir } from "../../src/rego/conformance/runner.js";

describe("rego engine cases", () => {
  const r = runDir("test/rego/cases");
  it("loads cases", () => expect(r.results.length).toBeGreaterThan(20));
  for (const c of r.results) {
    it(`${c.file} :: ${c.note}`, () => {
      expect(c.reason ?? "", c.note).toBe("");
      expect(c.status).toBe("passed");
    });
  }
});
