// Whatever bytes arrive, check never throws, never hangs and answers with diagnostics.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { stringify } from "yaml";

function run(contents: string | Uint8Array) {
  const r = check([{ path: "p.score.yaml", contents }]);
  for (const d of r.diagnostics) {
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    expect(d.range.start.column).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe("string");
    expect(d.ruleId).not.toBe("");
  }
  return r;
}

describe("property: check is total", () => {
  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => void run(b)), { numRuns: 300 });
  });
  it("random strings", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => void run(s)), { numRuns: 300 });
  });
  it("random JSON values serialised as YAML and JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        run(JSON.stringify(v));
        const r = run(stringify(v));
        // Anything that is not a valid workload must say so.
        if (v === null || typeof v !== "object" || Array.isArray(v)) expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it("mutated valid workloads", () => {
    const base = { apiVersion: "score.dev/v1b1", metadata: { name: "web" }, containers: { main: { image: "nginx" } } };
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), (extra) => {
        run(stringify({ ...base, containers: { main: { ...base.containers.main, ...extra } } }));
      }),
      { numRuns: 200 },
    );
  });
});
