import * as opaSdk from "@open-policy-agent/opa-wasm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PolicyEvalError } from "../../../src/policy/backend.js";
import { WasmPolicyLoadError } from "../../../src/policy/wasm/load-error.js";
import { loadWasmBundle, loadWasmModule, loadWasmPolicies } from "../../../src/policy/wasm/wasm-policies.js";
import { abortWasm, assemble, bundle, imageTagWasm, manifest, readFixture } from "./wasm-fixtures.js";

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await imageTagWasm();
});
afterEach(() => vi.restoreAllMocks());

// The SDK's ESM entry exports LoadedPolicy only on its default (CommonJS) object, which its types omit.
const LoadedPolicy = (opaSdk as unknown as { default: { LoadedPolicy: { prototype: { setData(data: unknown): void } } } }).default.LoadedPolicy;

const workload = (containers: Record<string, unknown>) => ({ apiVersion: "score.dev/v1b1", metadata: { name: "app" }, containers });
const ENTRYPOINTS = [
  { entrypoint: "main/deny", module: "/policy.wasm" },
  { entrypoint: "main/warn", module: "/policy.wasm" },
];

async function loadError(p: Promise<unknown>): Promise<WasmPolicyLoadError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WasmPolicyLoadError);
  return e as WasmPolicyLoadError;
}

describe("bare policy.wasm", () => {
  it("discovers the module's entrypoints as rules", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    expect(p.backend).toBe("wasm");
    expect(p.rules()).toEqual([
      { namespace: "main", name: "deny" },
      { namespace: "main", name: "warn" },
    ]);
  });

  it("denies :latest and untagged images, with messages sorted like a Rego set", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    const input = workload({
      web: { image: "nginx:latest" },
      db: { image: "postgres" },
      cache: { image: "registry.local:5000/redis" },
      api: { image: "registry.local:5000/team/api:1.4.2" },
      pinned: { image: "alpine@sha256:0123" },
      sidecar: { image: 42 },
    });
    expect(p.evaluate("main", "deny", input, {})).toEqual([
      'container "cache" image "registry.local:5000/redis" has no tag',
      'container "db" image "postgres" has no tag',
      'container "web" image "nginx:latest" uses the latest tag',
    ]);
  });

  it("returns an empty set for a passing workload and for no input", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    expect(p.evaluate("main", "deny", workload({ web: { image: "nginx:1.27" } }), {})).toEqual([]);
    expect(p.evaluate("main", "deny", undefined, {})).toEqual([]);
    expect(p.evaluate("main", "deny", { containers: ["nginx:latest"] }, {})).toEqual([]);
  });

  it("keeps escaped characters of names and images intact", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    expect(p.evaluate("main", "deny", workload({ 'we"b\\1': { image: "ng\u00efnx:latest" } }), {})).toEqual([
      'container "we"b\\1" image "ng\u00efnx:latest" uses the latest tag',
    ]);
  });

  it("reads data: warn applies data.allowed_registries, and is empty without it", async () => {
    const p = await loadWasmModule("policy.wasm", wasm);
    const input = workload({ web: { image: "ghcr.io/acme/web:1" }, db: { image: "docker.io/postgres:16" }, x: { image: "ghcr.io.evil/x:1" } });
    expect(p.evaluate("main", "warn", input, {})).toEqual([]);
    expect(p.evaluate("main", "warn", input, { allowed_registries: ["ghcr.io", 7] })).toEqual([
      'container "db" image "docker.io/postgres:16" is not from an allowed registry',
      'container "x" image "ghcr.io.evil/x:1" is not from an allowed registry',
    ]);
    expect(p.evaluate("main", "warn", input, { allowed_registries: "ghcr.io" })).toEqual([]);
  });

  it("passes falsy inputs as values, not as a missing input", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    for (const input of [null, false, 0, ""]) expect(p.evaluate("main", "deny", input, {})).toEqual([]);
  });

  it("returns undefined for a rule that is not an entrypoint", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    expect(p.evaluate("main", "violation", workload({}), {})).toBeUndefined();
    expect(p.evaluate("other", "deny", workload({}), {})).toBeUndefined();
  });

  it("gives the same answers through the ABI 1.1 eval-context path", async () => {
    const legacy = await loadWasmPolicies("policy.wasm", await imageTagWasm(1));
    const fast = await loadWasmPolicies("policy.wasm", wasm);
    const input = workload({ web: { image: "nginx:latest" }, db: { image: "quay.io/pg" } });
    for (const rule of ["deny", "warn"]) {
      const data = { allowed_registries: ["quay.io"] };
      expect(legacy.evaluate("main", rule, input, data)).toEqual(fast.evaluate("main", rule, input, data));
    }
    expect(legacy.evaluate("main", "warn", input, { allowed_registries: ["quay.io"] })).toEqual(['container "web" image "nginx:latest" is not from an allowed registry']);
  });

  it("calls setData only when the data changes", async () => {
    const setData = vi.spyOn(LoadedPolicy.prototype, "setData");
    const p = await loadWasmPolicies("policy.wasm", wasm);
    const data = { allowed_registries: ["ghcr.io"] };
    const input = workload({ web: { image: "docker.io/nginx:1" } });
    p.evaluate("main", "deny", input, data);
    p.evaluate("main", "warn", input, data);
    p.evaluate("main", "warn", input, { allowed_registries: ["ghcr.io"] }); // equal content, new object
    expect(setData).toHaveBeenCalledTimes(1);
    expect(p.evaluate("main", "warn", input, data)).toHaveLength(1);
    expect(p.evaluate("main", "warn", input, { allowed_registries: ["docker.io"] })).toEqual([]);
    expect(setData).toHaveBeenCalledTimes(2);
  });

  it("stays correct over many evaluations (heap reuse)", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    for (let i = 0; i < 500; i++) {
      const containers = Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`c${j}`, { image: j % 2 ? `img${i}:latest` : `img${i}:${j}` }]));
      expect((p.evaluate("main", "deny", workload(containers), {}) as string[]).length).toBe(10);
    }
  });
});

describe("bundle.tar.gz", () => {
  it("loads through the bundle reader and honours the bundle's data.json", async () => {
    const bytes = bundle([manifest(ENTRYPOINTS), { name: "/policy.wasm", data: wasm }, { name: "/data.json", data: '{"allowed_registries":["ghcr.io"]}' }]);
    const p = await loadWasmPolicies("bundle.tar.gz", bytes);
    const input = workload({ web: { image: "ghcr.io/acme/web:1" }, db: { image: "postgres:16" } });
    expect(p.evaluate("main", "warn", input, {})).toEqual(['container "db" image "postgres:16" is not from an allowed registry']);
    // data given at evaluation merges over the bundle's base data
    expect(p.evaluate("main", "warn", input, { allowed_registries: ["ghcr.io", "docker.io"], scorec: { environment: "dev" } })).toEqual([
      'container "db" image "postgres:16" is not from an allowed registry',
    ]);
    expect(p.evaluate("main", "warn", input, { allowed_registries: [] })).toEqual([
      'container "db" image "postgres:16" is not from an allowed registry',
      'container "web" image "ghcr.io/acme/web:1" is not from an allowed registry',
    ]);
  });

  it("exposes only the entrypoints the manifest lists, with their annotations", async () => {
    const annotated = [
      {
        entrypoint: "main/deny",
        module: "/policy.wasm",
        annotations: [
          { scope: "package", title: "Images" },
          { scope: "rule", title: "Pinned images", description: "No :latest.", custom: { id: "IMG001", severity: "error" }, related_resources: [{ ref: "https://example.com/img" }], location: { file: "image-tag.rego", row: 6, col: 1 } },
        ],
      },
    ];
    const p = await loadWasmBundle("bundle.tar.gz", bundle([manifest(annotated), { name: "/policy.wasm", data: wasm }]));
    expect(p.rules()).toEqual([
      {
        namespace: "main",
        name: "deny",
        annotations: { title: "Pinned images", description: "No :latest.", custom: { id: "IMG001", severity: "error" }, relatedResources: ["https://example.com/img"], file: "image-tag.rego", line: 6 },
      },
    ]);
    expect(p.evaluate("main", "warn", workload({}), {})).toBeUndefined();
  });

  it("serves entrypoints from several modules mapped by the manifest", async () => {
    const bytes = bundle([
      manifest([
        { entrypoint: "main/deny", module: "/deny/policy.wasm" },
        { entrypoint: "main/warn", module: "/warn/policy.wasm" },
      ]),
      { name: "/deny/policy.wasm", data: wasm },
      { name: "/warn/policy.wasm", data: await imageTagWasm(1) },
    ]);
    const p = await loadWasmPolicies("bundle.tar.gz", bytes);
    expect(p.rules().map((r) => r.name)).toEqual(["deny", "warn"]);
    const input = workload({ web: { image: "nginx:latest" } });
    expect(p.evaluate("main", "deny", input, {})).toEqual(['container "web" image "nginx:latest" uses the latest tag']);
    expect(p.evaluate("main", "warn", input, { allowed_registries: ["x"] })).toEqual(['container "web" image "nginx:latest" is not from an allowed registry']);
  });
});

describe("errors", () => {
  it("rejects bytes that are neither a bundle nor a module", async () => {
    const e = await loadError(loadWasmPolicies("policy.txt", new TextEncoder().encode("package main")));
    expect(e.code).toBe("wasm/unknown-format");
  });

  it("rejects an invalid WebAssembly binary", async () => {
    const e = await loadError(loadWasmPolicies("policy.wasm", new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff])));
    expect(e.code).toBe("wasm/invalid-module");
    expect(e.message).toMatch(/not a valid WebAssembly module/);
  });

  it("rejects a WebAssembly module that is not an OPA policy", async () => {
    const add = await assemble('(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))');
    const e = await loadError(loadWasmPolicies("add.wasm", add));
    expect(e.code).toBe("wasm/not-opa-module");
    expect(e.message).toMatch(/missing export\(s\) builtins, entrypoints, .*does not import env.memory/);
  });

  it("rejects a module of another ABI major version", async () => {
    const v2 = await assemble(readFixture("abort.wat").replace("(global $abi_version i32 (i32.const 1))", "(global $abi_version i32 (i32.const 2))"));
    const e = await loadError(loadWasmPolicies("v2.wasm", v2));
    expect(e.code).toBe("wasm/instantiate");
    expect(e.message).toMatch(/unsupported ABI version 2/);
  });

  it("rejects a policy needing a builtin that neither OPA's Wasm nor the SDK provides, accepts SDK ones", async () => {
    const needs = (table: string) => assemble(readFixture("image-tag.wat").replace('(data (i32.const 1024) "{}\\00")', `(data (i32.const 1024) "${table}\\00")`));
    const e = await loadError(loadWasmPolicies("send.wasm", await needs('{\\"http.send\\":0,\\"sprintf\\":1}')));
    expect(e.code).toBe("wasm/missing-builtin");
    expect(e.message).toMatch(/calls http.send, which OPA does not compile/);
    const ok = await loadWasmPolicies("sprintf.wasm", await needs('{\\"sprintf\\":0}'));
    expect(ok.rules()).toHaveLength(2);
  });

  it("rejects a manifest entrypoint the module does not have", async () => {
    const bytes = bundle([manifest([{ entrypoint: "main/violation", module: "/policy.wasm" }]), { name: "/policy.wasm", data: wasm }]);
    const e = await loadError(loadWasmPolicies("bundle.tar.gz", bytes));
    expect(e.code).toBe("wasm/missing-entrypoint");
    expect(e.message).toMatch(/has no entrypoint main\/violation \(it has: main\/deny, main\/warn\)/);
  });

  it("refuses a module whose only entrypoint is a whole package", async () => {
    const pkg = await assemble(readFixture("image-tag.wat").replace('"{\\"main/deny\\":0,\\"main/warn\\":1}\\00"', '"{\\"main\\":0}\\00"'));
    const e = await loadError(loadWasmPolicies("pkg.wasm", pkg));
    expect(e.code).toBe("wasm/no-rule-entrypoints");
    expect(e.message).toMatch(/found: main\)/);
  });

  it("turns opa_abort during evaluation into a PolicyEvalError", async () => {
    const p = await loadWasmPolicies("abort.wasm", await abortWasm());
    expect(p.rules()).toEqual([{ namespace: "main", name: "deny" }]);
    let err: unknown;
    try {
      p.evaluate("main", "deny", workload({}), {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyEvalError);
    expect(err).toMatchObject({ code: "wasm/eval-error", file: "abort.wasm", message: "evaluating data.main.deny failed: main/deny: object insert conflict" });
  });

  it("turns unserialisable input or data into a PolicyEvalError", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    expect(() => p.evaluate("main", "deny", { n: 1n }, {})).toThrow(PolicyEvalError);
    expect(() => p.evaluate("main", "deny", {}, { n: 1n })).toThrow(/cannot load data into the policy module/);
    expect(p.evaluate("main", "deny", workload({ web: { image: "a" } }), {})).toEqual(['container "web" image "a" has no tag']);
  });

  it("refuses a bare module over the size cap", async () => {
    const e = await loadError(loadWasmModule("big.wasm", wasm, {}, { maxArchiveBytes: 1 << 20, maxFileBytes: 100 }));
    expect(e.code).toBe("wasm/too-large");
  });

  it("reports load errors with their file for the CLI's diagnostic", async () => {
    const e = await loadError(loadWasmPolicies("policies/bundle.tar.gz", bundle([{ name: "/data.json", data: "{}" }])));
    expect(e).toMatchObject({ file: "policies/bundle.tar.gz", line: 1, column: 1, code: "wasm/missing-module" });
  });
});

describe("Rego set order", () => {
  it("orders messages by their decoded text, not their JSON escapes", async () => {
    const p = await loadWasmPolicies("policy.wasm", wasm);
    // decoded, '"' (0x22) < 'Z' (0x5a) < '\\' (0x5c) < 'b'; escaped, both '"' and '\\' start with '\\'
    const input = workload({ aZ: { image: "x" }, 'a"': { image: "x" }, "a\\": { image: "x" }, ab: { image: "x" }, "a\n": { image: "x" } });
    const names = (p.evaluate("main", "deny", input, {}) as string[]).map((m) => /^container "(.*)" image "x" has no tag$/s.exec(m)?.[1]);
    expect(names).toEqual(["a\n", 'a"', "aZ", "a\\", "ab"]);
  });
});
