// Rego figures for `npm run bench`: parse+compile of the built-in policy pack, evaluations/s of the pack's
// deny/warn rules over 1,000 workloads, and the image-tag policy on both back ends (Rego engine and OPA-WASM,
// the WASM module assembled from fixtures/policy-wasm/image-tag.wat with wabt).
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.argv[2];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { compileModules, fromJSON } = await import(join(root, "dist/src/rego/index.js"));

const packDir = join(root, "policies");
const modules = readdirSync(packDir)
  .filter((f) => f.endsWith(".rego") && !f.endsWith("_test.rego"))
  .sort()
  .map((f) => ({ path: `policies/${f}`, source: readFileSync(join(packDir, f), "utf8") }));
const compileTimes = [];
let program;
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  const r = compileModules(modules);
  compileTimes.push(performance.now() - t);
  if (!r.ok) throw new Error(r.errors.map(String).join("\n"));
  program = r.program;
}

const workloads = readdirSync(dir).filter((f) => f.endsWith(".score.yaml")).sort().map((f) => fromJSON(parse(readFileSync(join(dir, f), "utf8"))));
const rules = [...new Set(program.rules().filter((r) => /^(deny|warn|violation)_/.test(r.name)).map((r) => r.name))].sort();
const data = fromJSON({ scorec: { environment: "dev" } });
let evals = 0;
let findings = 0;
const t0 = performance.now();
for (const input of workloads) {
  for (const rule of rules) {
    const v = program.evalRule(["main", rule], { input, data });
    evals++;
    if (v && v.size) findings += v.size;
  }
}
const packMs = performance.now() - t0;

// The way the policy stage runs the pack: every rule of the namespace in one evaluation per workload, so
// helper rules and functions they share are computed once. Measured after the pass above (a warm engine),
// so it runs faster than the first pass of a fresh `check` process would.
const paths = rules.map((r) => ["main", r]);
const t1 = performance.now();
let onePassFindings = 0;
for (const input of workloads) for (const v of program.evalRules(paths, { input, data })) if (v && v.size) onePassFindings += v.size;
const onePassMs = performance.now() - t1;
if (onePassFindings !== findings) throw new Error(`one-pass evaluation found ${onePassFindings} results, one rule at a time ${findings}`);

// Both back ends on the image-tag policy.
const wabt = await (await import("wabt")).default();
const wat = readFileSync(join(root, "fixtures/policy-wasm/image-tag.wat"), "utf8");
const wasmBytes = wabt.parseWat("image-tag.wat", wat).toBinary({}).buffer;
const { loadWasmPolicies } = await import(join(root, "dist/src/policy/wasm/wasm-policies.js"));
const wasm = await loadWasmPolicies("image-tag.wasm", wasmBytes);
const plain = readdirSync(dir).filter((f) => f.endsWith(".score.yaml")).sort().map((f) => parse(readFileSync(join(dir, f), "utf8")));
const tw = performance.now();
for (const input of plain) for (const rule of ["deny", "warn"]) wasm.evaluate("main", rule, input, { allowed_registries: ["ghcr.io"] });
const wasmMs = performance.now() - tw;
const twin = compileModules([{ path: "image-tag.rego", source: readFileSync(join(root, "fixtures/policy-wasm/image-tag.rego"), "utf8") }]);
if (!twin.ok) throw new Error(twin.errors.map(String).join("\n"));
const twinData = fromJSON({ allowed_registries: ["ghcr.io"] });
const tr = performance.now();
for (const input of workloads) for (const rule of ["deny", "warn"]) twin.program.evalRule(["main", rule], { input, data: twinData });
const regoMs = performance.now() - tr;

console.log(
  JSON.stringify({
    packModules: modules.length,
    packCompileMs: +median(compileTimes).toFixed(2),
    packRules: rules.length,
    workloads: workloads.length,
    packEvaluations: evals,
    packMs: +packMs.toFixed(1),
    packEvaluationsPerSec: Math.round((evals / packMs) * 1000),
    packWorkloadsPerSec: Math.round((workloads.length / packMs) * 1000),
    packFindings: findings,
    packOnePassMs: +onePassMs.toFixed(1),
    packOnePassWorkloadsPerSec: Math.round((workloads.length / onePassMs) * 1000),
    imageTag: {
      regoEvaluationsPerSec: Math.round(((workloads.length * 2) / regoMs) * 1000),
      wasmEvaluationsPerSec: Math.round(((plain.length * 2) / wasmMs) * 1000),
    },
  }),
);
