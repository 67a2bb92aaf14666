// OPA-WASM policies run in a worker with a time and a memory limit (src/policy/wasm/sandbox.ts): a module
// that loops for ever, or grows its memory without end, fails that evaluation with a finding naming the
// bundle and entrypoint, in bounded time, and the process (and other bundles) carry on. The hostile
// modules are hand-written WAT in fixtures/policy-wasm, assembled with wabt; nothing is faked.
// The worker runs the build (dist/): `npm test` builds before vitest.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PolicyEvalError } from "../../src/policy/backend.js";
import { WasmPolicyLoadError } from "../../src/policy/wasm/load-error.js";
import { DEFAULT_WASM_LIMITS, loadSandboxedWasmPolicies, type WasmSandboxLimits } from "../../src/policy/wasm/sandbox.js";
import { loadWasmPolicies } from "../../src/policy/wasm/wasm-policies.js";
import { assemble, imageTagWasm, readFixture } from "../policy/wasm/wasm-fixtures.js";
import { REPO } from "../helpers/paths.js";
import { WORKLOAD, runFenced, scratch } from "./harness.js";

const tmp = scratch("wasm");
const SHORT: WasmSandboxLimits = { ...DEFAULT_WASM_LIMITS, evalMs: 400, loadMs: 400, memoryPages: 256 };
const workload = (containers: Record<string, unknown>) => ({ apiVersion: "score.dev/v1b1", metadata: { name: "app" }, containers });

let imageTag: Uint8Array;
let loop: Uint8Array;
let grow: Uint8Array;
beforeAll(async () => {
  imageTag = await imageTagWasm();
  loop = await assemble(readFixture("loop.wat"), "loop.wat");
  grow = await assemble(readFixture("grow.wat"), "grow.wat");
});

function thrown(f: () => unknown): PolicyEvalError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PolicyEvalError);
  return err as PolicyEvalError;
}

describe("WASM evaluation in a worker", () => {
  it("answers exactly like in-thread evaluation, data changes included", async () => {
    const inThread = await loadWasmPolicies("image-tag.wasm", imageTag);
    const sandboxed = await loadSandboxedWasmPolicies("image-tag.wasm", imageTag);
    expect(sandboxed.rules()).toEqual(inThread.rules());
    const inputs: unknown[] = [
      workload({ web: { image: "nginx:latest" }, db: { image: "postgres" }, ok: { image: "ghcr.io/a/b:1" } }),
      workload({ 'we"b': { image: "a\\b:latest" }, ü: { image: "x" } }),
      workload({}),
      null,
      false,
      undefined,
    ];
    const datas = [{}, { allowed_registries: ["ghcr.io"] }, { allowed_registries: "ghcr.io" }];
    for (const data of datas) {
      for (const input of inputs) {
        for (const rule of ["deny", "warn", "absent"]) expect(sandboxed.evaluate("main", rule, input, data)).toEqual(inThread.evaluate("main", rule, input, data));
      }
    }
    // an unserialisable value is an evaluation error on both sides, and the next call still works
    expect(() => sandboxed.evaluate("main", "deny", { f: () => 1 }, {})).toThrow(PolicyEvalError);
    expect(sandboxed.evaluate("main", "deny", workload({ web: { image: "a" } }), {})).toEqual(['container "web" image "a" has no tag']);
  });

  it("costs little per evaluation: one worker serves every bundle", async () => {
    const p = await loadSandboxedWasmPolicies("image-tag.wasm", imageTag);
    const data = {};
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) expect(p.evaluate("main", "deny", workload({ web: { image: `img${i}:latest` } }), data)).toHaveLength(1);
    const perEval = (performance.now() - t0) / 500;
    // measured about 0.1 ms on an idle machine; the bound leaves room for a loaded CI runner
    expect(perEval).toBeLessThan(5);
  });

  it("an evaluation that loops for ever stops at the time limit with a finding; the process and other bundles carry on", async () => {
    const good = await loadSandboxedWasmPolicies("image-tag.wasm", imageTag, SHORT);
    const looping = await loadSandboxedWasmPolicies("loop.wasm", loop, SHORT);
    expect(looping.rules()).toEqual([{ namespace: "main", name: "deny" }]);
    const t0 = performance.now();
    const e = thrown(() => looping.evaluate("main", "deny", workload({}), {}));
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(e.code).toBe("wasm/timeout");
    expect(e.file).toBe("loop.wasm");
    expect(e.message).toContain("entrypoint main/deny of loop.wasm");
    expect(e.message).toContain("400 ms time limit");
    // the bundle is not run again (one time limit per bundle, not one per input)
    const t1 = performance.now();
    expect(thrown(() => looping.evaluate("main", "deny", workload({}), {})).code).toBe("wasm/stopped");
    expect(performance.now() - t1).toBeLessThan(100);
    // the bundle loaded into the stopped worker is loaded again into a new one
    expect(good.evaluate("main", "deny", workload({ web: { image: "nginx" } }), {})).toEqual(['container "web" image "nginx" has no tag']);
  }, 15_000);

  it("memory.grow without end stops at the memory limit with a finding, without the process growing", async () => {
    const rss0 = process.memoryUsage().rss;
    const growing = await loadSandboxedWasmPolicies("grow.wasm", grow, SHORT);
    const t0 = performance.now();
    const e = thrown(() => growing.evaluate("main", "deny", workload({}), {}));
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(e.code).toBe("wasm/memory-limit");
    expect(e.message).toContain("16 MiB memory limit");
    expect(e.file).toBe("grow.wasm");
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
  }, 15_000);

  it("a module that loops while loading stops at the load time limit", async () => {
    const src = readFixture("loop.wat").replace('(func (export "entrypoints") (result i32) (i32.const 256))', '(func (export "entrypoints") (result i32) (loop $l (br $l)) (i32.const 256))');
    expect(src).toContain("(loop $l");
    const t0 = performance.now();
    const e = await loadSandboxedWasmPolicies("load-loop.wasm", await assemble(src), SHORT).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(e).toBeInstanceOf(WasmPolicyLoadError);
    expect(e).toMatchObject({ code: "wasm/timeout", file: "load-loop.wasm" });
  }, 15_000);

  it("load errors cross the worker with their code and file", async () => {
    const e = await loadSandboxedWasmPolicies("junk.wasm", new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9])).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(WasmPolicyLoadError);
    expect(e).toMatchObject({ code: "wasm/invalid-module", file: "junk.wasm" });
  });
});

describe("scorec check with a hostile WASM policy", () => {
  it("a looping bundle: a positioned finding naming bundle and entrypoint, exit 1, within the fence", () => {
    const wasmPath = join(tmp.dir, "loop.wasm");
    writeFileSync(wasmPath, loop);
    const score = tmp.write("score.yaml", WORKLOAD);
    // the default limit (5 s) applies; the fence allows start-up and a loaded machine on top
    const r = runFenced(["check", score, "--policy", wasmPath, "--format", "json"], { timeoutMs: 30_000, heapMb: 192 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { diagnostics: { ruleId: string; message: string; range: { start: { line: number } } }[] }[] };
    const msgs = out.files.flatMap((f) => f.diagnostics);
    const finding = msgs.find((m) => m.ruleId === "policy/eval-error");
    expect(finding?.message).toMatch(/wasm\/timeout: evaluating data\.main\.deny \(entrypoint main\/deny of .*loop\.wasm\) did not finish within the 5000 ms time limit/);
    expect(finding?.range.start.line).toBe(3);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.ms).toBeLessThan(25_000);
  }, 40_000);

  it("the sandbox in a fenced child: a looping and a growing bundle are stopped, and the child exits at once", () => {
    const loopPath = join(tmp.dir, "child-loop.wasm");
    const growPath = join(tmp.dir, "child-grow.wasm");
    writeFileSync(loopPath, loop);
    writeFileSync(growPath, grow);
    const dist = (rel: string) => JSON.stringify(pathToFileURL(join(REPO, "dist", "src", rel)).href);
    const script = `
      import { readFileSync } from "node:fs";
      const { DEFAULT_WASM_LIMITS, loadSandboxedWasmPolicies } = await import(${dist("policy/wasm/sandbox.js")});
      const limits = { ...DEFAULT_WASM_LIMITS, evalMs: 400, loadMs: 2000, memoryPages: 256 };
      for (const path of process.argv.slice(2)) {
        const p = await loadSandboxedWasmPolicies(path, readFileSync(path), limits);
        try { p.evaluate("main", "deny", {}, {}); console.log("no error"); } catch (e) { console.log(e.code); }
      }`;
    const r = runFenced([loopPath, growPath], { script, timeoutMs: 20_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("wasm/timeout\nwasm/memory-limit\n");
    expect(r.code).toBe(0);
  }, 30_000);
});
