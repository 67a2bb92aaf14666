// The "wasm" policy back end: OPA-compiled policy modules run through @open-policy-agent/opa-wasm.
// Loading is async (compiling and instantiating a module is), evaluation is synchronous, so the
// conftest layer can query it like the Rego back end.
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import type { LoadedPolicies, PolicyRule, RuleAnnotations } from "../backend.js";
import { PolicyEvalError } from "../backend.js";
import { byCodePoint } from "../../diagnostics/diagnostic.js";
import { entrypointAnnotations } from "./annotations.js";
import { type BundleLimits, DEFAULT_BUNDLE_LIMITS, type PolicyBundle, mergeData, readBundle } from "./bundle.js";
import { WasmPolicyLoadError, describeThrown } from "./load-error.js";
import { type CompiledModule, webAssembly } from "./wasm-api.js";

type OpaPolicy = Awaited<ReturnType<typeof loadPolicy>>;

const GZIP_MAGIC = [0x1f, 0x8b];
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

// What the SDK (1.10) calls on every module: at load, and for evaluation through either the ABI 1.2
// `opa_eval` fast path or the eval-context functions. Checking first turns "x is not a function" from
// deep inside the SDK into a message about the file.
const LOAD_EXPORTS = ["builtins", "entrypoints", "opa_malloc", "opa_json_parse", "opa_json_dump", "opa_heap_ptr_get", "opa_heap_ptr_set"];
const CTX_EXPORTS = ["opa_eval_ctx_new", "opa_eval_ctx_set_input", "opa_eval_ctx_set_data", "opa_eval_ctx_set_entrypoint", "eval", "opa_eval_ctx_get_result"];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);


/** The SDK takes pre-serialised JSON as an ArrayBuffer (exactly that type, not a Uint8Array). */
function jsonBuffer(json: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(json);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** "main/deny" → data.main.deny; "scorec/images/deny" → data.scorec.images.deny. */
function splitEntrypoint(entrypoint: string): { namespace: string; name: string } | undefined {
  const parts = entrypoint.split("/").filter(Boolean);
  if (parts.length < 2) return undefined; // a whole-package entrypoint has no single rule to query
  return { namespace: parts.slice(0, -1).join("."), name: parts[parts.length - 1]! };
}

interface Entrypoint {
  rule: PolicyRule;
  policy: OpaPolicy;
  id: number;
}

// Builtins OPA leaves to the host (the module lists them in `builtins()`), that the SDK 1.10 implements
// in JavaScript (its src/builtins). Anything else would fail at every evaluation; better to say so at load.
const HOST_BUILTINS = new Set(["sprintf", "json.is_valid", "regex.split", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal"]);

interface PolicyInternals {
  wasmInstance: { exports: { builtins(): number; opa_json_dump(addr: number): number } };
  mem: { buffer: ArrayBuffer };
}

/** A ceiling on a policy's linear memory, in 64 KiB WebAssembly pages: `memory.grow` past it fails. */
export interface WasmMemoryLimit {
  maxPages: number;
}

const PAGE_BYTES = 65536;

/** Whether a failed evaluation had used all the memory it may: then the limit, not the policy, is the story. */
function atMemoryLimit(policy: OpaPolicy, limit: WasmMemoryLimit | undefined): boolean {
  if (!limit) return false;
  const { mem } = policy as unknown as PolicyInternals;
  return mem.buffer.byteLength >= limit.maxPages * PAGE_BYTES - PAGE_BYTES;
}

/** The SDK keeps the module's builtin table to itself, so read it the way it does: builtins() → JSON. */
function requiredBuiltins(policy: OpaPolicy): string[] {
  const { wasmInstance, mem } = policy as unknown as PolicyInternals;
  try {
    const addr = wasmInstance.exports.opa_json_dump(wasmInstance.exports.builtins());
    const bytes = new Uint8Array(mem.buffer);
    let end = addr;
    while (end < bytes.length && bytes[end] !== 0) end++;
    return Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(addr, end))) as Record<string, number>);
  } catch {
    return []; // the SDK read the same table at load; if we cannot, evaluation will report the problem
  }
}

async function instantiate(file: string, modulePath: string, bytes: Uint8Array, memory: WasmMemoryLimit | undefined): Promise<OpaPolicy> {
  const where = modulePath ? `${modulePath}: ` : "";
  let module: CompiledModule;
  try {
    module = await webAssembly.compile(bytes);
  } catch (e) {
    throw new WasmPolicyLoadError(file, "wasm/invalid-module", `${where}not a valid WebAssembly module: ${describeThrown(e)}`);
  }
  const exports = new Map(webAssembly.Module.exports(module).map((d) => [d.name, d.kind]));
  const missing = LOAD_EXPORTS.filter((n) => exports.get(n) !== "function");
  const hasFastPath = exports.get("opa_eval") === "function";
  if (!hasFastPath) missing.push(...CTX_EXPORTS.filter((n) => exports.get(n) !== "function"));
  const importsMemory = webAssembly.Module.imports(module).some((d) => d.module === "env" && d.name === "memory" && d.kind === "memory");
  if (missing.length || !importsMemory) {
    const why = [missing.length ? `missing export(s) ${missing.join(", ")}` : "", importsMemory ? "" : "does not import env.memory"].filter(Boolean).join("; ");
    throw new WasmPolicyLoadError(file, "wasm/not-opa-module", `${where}not an OPA policy module (${why}); build it with \`opa build -t wasm\``);
  }
  // Without these globals the SDK logs to stderr and guesses; OPA has written them since 0.27.
  if (exports.get("opa_wasm_abi_version") !== "global" || exports.get("opa_wasm_abi_minor_version") !== "global") {
    throw new WasmPolicyLoadError(file, "wasm/unsupported-abi", `${where}module does not declare its OPA Wasm ABI version (built by an OPA older than 0.27?)`);
  }
  let policy: OpaPolicy;
  try {
    // the SDK takes bytes or a compiled module; passing the module avoids compiling twice
    // The SDK's default memory may grow to 4 GiB; a maximum makes `memory.grow` fail (and the policy abort)
    // instead. The SDK starts at 5 pages when no initial size is given.
    const descriptor = memory ? { initial: Math.min(5, memory.maxPages), maximum: memory.maxPages } : undefined;
    policy = await loadPolicy(module as unknown as Parameters<typeof loadPolicy>[0], descriptor);
  } catch (e) {
    throw new WasmPolicyLoadError(file, "wasm/instantiate", `${where}cannot instantiate the policy module: ${describeThrown(e)}`);
  }
  const unavailable = requiredBuiltins(policy).filter((b) => !HOST_BUILTINS.has(b));
  if (unavailable.length) {
    throw new WasmPolicyLoadError(
      file,
      "wasm/missing-builtin",
      `${where}the policy calls ${unavailable.join(", ")}, which OPA does not compile into WebAssembly and this host does not provide`,
    );
  }
  return policy;
}

class WasmPolicies implements LoadedPolicies {
  readonly backend = "wasm" as const;
  private readonly byKey = new Map<string, Entrypoint>();
  // setData re-parses the whole document inside every module, so it only happens when data changes
  private lastData: unknown = Symbol("none");
  private lastJson: string | undefined;

  constructor(
    private readonly file: string,
    entrypoints: Entrypoint[],
    private readonly baseData: Record<string, unknown>,
    private readonly memory: WasmMemoryLimit | undefined,
  ) {
    for (const e of entrypoints) this.byKey.set(`${e.rule.namespace}\0${e.rule.name}`, e);
  }

  rules(): PolicyRule[] {
    return [...this.byKey.values()]
      .map((e) => e.rule)
      .sort((a, b) => byCodePoint(a.namespace, b.namespace) || byCodePoint(a.name, b.name));
  }

  /** Data is treated as immutable: the same object passed again is not re-serialised. */
  private useData(data: unknown): void {
    if (data === this.lastData) return;
    const policies = new Set([...this.byKey.values()].map((e) => e.policy));
    try {
      // the bundle's own data.json is the base; data given by the caller wins key by key
      const merged = data && typeof data === "object" && !Array.isArray(data) ? mergeData(structuredClone(this.baseData), data as Record<string, unknown>) : this.baseData;
      const json = JSON.stringify(merged);
      this.lastData = data;
      if (json === this.lastJson) return;
      this.lastJson = undefined;
      const buffer = jsonBuffer(json);
      for (const p of policies) p.setData(buffer);
      this.lastJson = json;
    } catch (e) {
      this.lastData = Symbol("none");
      this.lastJson = undefined;
      throw new PolicyEvalError(`cannot load data into the policy module: ${describeThrown(e)}`, "wasm/set-data", this.file);
    }
  }

  evaluate(namespace: string, rule: string, input: unknown, data: unknown): unknown | undefined {
    const entry = this.byKey.get(`${namespace}\0${rule}`);
    if (!entry) return undefined; // not an entrypoint of this bundle: undefined, like a missing rule
    this.useData(data);
    let resultSet: unknown;
    try {
      // As JSON text: the SDK treats any falsy input (null, false, 0, "") as "no input", while Rego
      // distinguishes `input = null` from an undefined input.
      resultSet = entry.policy.evaluate(input === undefined ? undefined : jsonBuffer(JSON.stringify(input)), entry.id);
    } catch (e) {
      // opa_abort (conflicts, errors inside the policy), missing host builtins, traps
      if (atMemoryLimit(entry.policy, this.memory)) {
        const mib = (this.memory!.maxPages * PAGE_BYTES) / (1024 * 1024);
        throw new PolicyEvalError(`evaluating data.${namespace}.${rule} failed: the policy used all of its ${mib} MiB memory limit (${describeThrown(e)})`, "wasm/memory-limit", this.file);
      }
      throw new PolicyEvalError(`evaluating data.${namespace}.${rule} failed: ${describeThrown(e)}`, "wasm/eval-error", this.file);
    }
    if (!Array.isArray(resultSet)) {
      throw new PolicyEvalError(`evaluating data.${namespace}.${rule} returned ${JSON.stringify(resultSet)}, not a result set`, "wasm/bad-result", this.file);
    }
    if (resultSet.length === 0) return undefined;
    const first = resultSet[0] as { result?: unknown } | null;
    return first && typeof first === "object" ? first.result : undefined;
  }
}

function entrypointsOf(file: string, modulePath: string, policy: OpaPolicy, wanted: string[] | undefined, annotate: (ep: string) => RuleAnnotations | undefined): Entrypoint[] {
  const table = (policy.entrypoints ?? {}) as Record<string, number>;
  const names = wanted ?? Object.keys(table);
  const out: Entrypoint[] = [];
  for (const ep of names) {
    const id = table[ep];
    if (typeof id !== "number") {
      throw new WasmPolicyLoadError(file, "wasm/missing-entrypoint", `${modulePath || "module"} has no entrypoint ${ep} (it has: ${Object.keys(table).join(", ") || "none"})`);
    }
    const split = splitEntrypoint(ep);
    if (!split) continue;
    const annotations = annotate(ep);
    out.push({ rule: { ...split, ...(annotations ? { annotations } : {}) }, policy, id });
  }
  return out;
}

function checkUsable(file: string, entrypoints: Entrypoint[], names: string[]): void {
  const seen = new Set<string>();
  for (const { rule } of entrypoints) {
    const key = `${rule.namespace}.${rule.name}`;
    if (seen.has(key)) throw new WasmPolicyLoadError(file, "wasm/duplicate-entrypoint", `entrypoint ${key.replace(/\./g, "/")} is answered by more than one module`);
    seen.add(key);
  }
  // A whole-package entrypoint (`-e main`) evaluates to an object of rules we cannot list up front.
  if (entrypoints.length === 0) {
    throw new WasmPolicyLoadError(
      file,
      "wasm/no-rule-entrypoints",
      `no entrypoint names a rule (found: ${names.join(", ") || "none"}); build with rule entrypoints such as \`-e main/deny -e main/warn\``,
    );
  }
}

function entrypointNames(policy: OpaPolicy): string[] {
  return Object.keys((policy.entrypoints ?? {}) as Record<string, number>);
}

/** A bare policy.wasm: every entrypoint it declares, no base data unless given. */
export async function loadWasmModule(
  file: string,
  bytes: Uint8Array,
  baseData: Record<string, unknown> = {},
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
  memory?: WasmMemoryLimit,
): Promise<LoadedPolicies> {
  if (bytes.length > limits.maxFileBytes) throw new WasmPolicyLoadError(file, "wasm/too-large", `module is ${bytes.length} bytes, over the ${limits.maxFileBytes}-byte limit`);
  const policy = await instantiate(file, "", bytes, memory);
  const entrypoints = entrypointsOf(file, "", policy, undefined, () => undefined);
  checkUsable(file, entrypoints, entrypointNames(policy));
  return new WasmPolicies(file, entrypoints, baseData, memory);
}

export async function loadWasmBundle(file: string, bytes: Uint8Array, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS, memory?: WasmMemoryLimit): Promise<LoadedPolicies> {
  const bundle: PolicyBundle = readBundle(file, bytes, limits);
  const entrypoints: Entrypoint[] = [];
  const names: string[] = [];
  for (const [path, wasm] of bundle.modules) {
    const policy = await instantiate(file, path, wasm, memory);
    const wanted = bundle.moduleEntrypoints.get(path);
    names.push(...(wanted ?? entrypointNames(policy)));
    entrypoints.push(...entrypointsOf(file, path, policy, wanted, (ep) => entrypointAnnotations(bundle.manifest, ep)));
  }
  checkUsable(file, entrypoints, names);
  return new WasmPolicies(file, entrypoints, bundle.data, memory);
}

/**
 * A `bundle.tar.gz` or a bare `.wasm`, told apart by their leading bytes rather than the file name.
 * This runs the policy on the calling thread; the CLI goes through ./sandbox.ts, which runs this same
 * code in a worker with a time limit.
 */
export async function loadWasmPolicies(path: string, bytes: Uint8Array, memory?: WasmMemoryLimit): Promise<LoadedPolicies> {
  if (startsWith(bytes, GZIP_MAGIC)) return loadWasmBundle(path, bytes, DEFAULT_BUNDLE_LIMITS, memory);
  if (startsWith(bytes, WASM_MAGIC)) return loadWasmModule(path, bytes, {}, DEFAULT_BUNDLE_LIMITS, memory);
  throw new WasmPolicyLoadError(path, "wasm/unknown-format", "neither an OPA bundle (.tar.gz) nor a WebAssembly module");
}
