// The same policy through both back ends: image-tag.rego on the TypeScript Rego engine and
// image-tag.wat (its hand-compiled form) through the OPA WASM SDK must report identical findings.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedPolicies } from "../../../src/policy/backend.js";
import { loadWasmPolicies } from "../../../src/policy/wasm/wasm-policies.js";
import { type CompileResult, compileModules, toJSON } from "../../../src/rego/index.js";
import { imageTagWasm, readFixture } from "./wasm-fixtures.js";

let wasm: LoadedPolicies;
let rego: CompileResult;
beforeAll(async () => {
  wasm = await loadWasmPolicies("image-tag.wasm", await imageTagWasm());
  rego = compileModules([{ path: "image-tag.rego", source: readFixture("image-tag.rego") }]);
});

function regoEval(rule: string, input: unknown, data: unknown): unknown {
  if (!rego.ok) throw new Error(rego.errors.map(String).join("\n"));
  const v = rego.program.evalRule(["main", rule], { input, data });
  return v === undefined ? undefined : toJSON(v);
}

/** The Rego twin of the WASM module must compile; a compile error fails the test. */
function requireEngine(): void {
  if (!rego.ok) throw new Error(rego.errors.map(String).join("\n"));
}

const CASES: [string, unknown, unknown][] = [
  ["mixed images", { containers: { web: { image: "nginx:latest" }, db: { image: "postgres" }, api: { image: "ghcr.io/acme/api:1.2" } } }, {}],
  ["registry ports and digests", { containers: { a: { image: "reg.local:5000/app" }, b: { image: "reg.local:5000/app:2" }, c: { image: "alpine@sha256:00ff" } } }, {}],
  ["non-string images and odd containers", { containers: { a: { image: 42 }, b: "nginx", c: { image: null }, d: {} } }, {}],
  ["containers as an array", { containers: [{ image: "nginx:latest" }] }, {}],
  ["no containers", { metadata: { name: "x" } }, {}],
  ["escapes in names", { containers: { 'we"b': { image: "a\\b:latest" }, "ü": { image: "x" } } }, {}],
  ["allowed registries", { containers: { a: { image: "ghcr.io/x:1" }, b: { image: "ghcr.io.evil/x:1" }, c: { image: "docker.io/y" } } }, { allowed_registries: ["ghcr.io", 3] }],
  ["empty allow-list", { containers: { a: { image: "ghcr.io/x:1" } } }, { allowed_registries: [] }],
  ["allow-list not an array", { containers: { a: { image: "ghcr.io/x:1" } } }, { allowed_registries: "ghcr.io" }],
];

describe("image-tag policy: Rego engine and OPA WASM agree", () => {
  it.for(CASES)("%s", ([, input, data]) => {
    requireEngine();
    for (const rule of ["deny", "warn"]) {
      expect({ rule, findings: wasm.evaluate("main", rule, input, data) }).toEqual({ rule, findings: regoEval(rule, input, data) });
    }
  });

  it("on generated workloads", () => {
    requireEngine();
    const part = fc.constantFrom("nginx", "ghcr.io", "reg:5000", "latest", ":latest", "1.2", "sha256", 'a"b', "ü", "\n", "");
    const image = fc.array(fc.tuple(part, fc.constantFrom("/", ":", "@", "")), { maxLength: 4 }).map((xs) => xs.map(([p, s]) => p + s).join(""));
    const name = fc.oneof(fc.constantFrom("web", "db", "api", "we\\b", 'a"', "aZ", "x"), fc.string({ maxLength: 4 }));
    const container = fc.oneof(fc.record({ image: fc.oneof(image, fc.integer(), fc.string({ maxLength: 3 })) }), fc.constant([]), fc.constant("nginx"));
    const containers = fc.dictionary(name, container, { maxKeys: 6 });
    const registries = fc.oneof(fc.array(fc.oneof(fc.constantFrom("ghcr.io", "reg:5000", "nginx", 'a"b', ""), fc.integer())), fc.constant("ghcr.io"));
    const data = fc.option(fc.record({ allowed_registries: registries }), { nil: undefined });
    fc.assert(
      fc.property(containers, data, (cs, d) => {
        const input = { containers: cs };
        for (const rule of ["deny", "warn"]) expect(wasm.evaluate("main", rule, input, d ?? {})).toEqual(regoEval(rule, input, d ?? {}));
      }),
      { numRuns: 500 },
    );
  });
});
