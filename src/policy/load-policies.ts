// Policy sources → LoadedPolicies, one per back end: every `.rego` file goes to the TypeScript Rego
// evaluator (one compiled program), every `.wasm` / `bundle.tar.gz` to OPA-WASM. Load errors (parse,
// compile, corrupt bundle) are positioned findings on the policy file, never crashes.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { VFile } from "vfile";
import { byCodePoint, report } from "../diagnostics/diagnostic.js";
import { RuleRegistry } from "../diagnostics/rules.js";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { displayPath } from "../load/discover.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { parseYaml } from "../parse/parse-yaml.js";
import { deepMerge } from "../data/deep-merge.js";
import { resolvePolicyRefs } from "./builtin-pack.js";
import type { LoadedPolicies } from "./backend.js";
import type { PolicyStageOptions } from "./policy-stage.js";
import { ruleKind, selectNamespaces } from "./namespaces.js";

export interface PolicySourceOptions {
  /** Files, folders (relative to `root`) and `builtin:` refs (src/policy/builtin-pack.ts). */
  paths: string[];
  dataPaths?: string[];
  namespaces?: string[];
  allNamespaces?: boolean;
  combine?: boolean;
  /** Included in data as `scorec.environment` (policies may differ per environment). */
  environment?: string;
  root?: string;
  /** Include `*_test.rego` files (for `scorec policy test`); linting leaves them out. */
  includeTests?: boolean;
  /** Rego syntax version of the `.rego` files (conftest's `--rego-version`); v1 by default. */
  regoVersion?: 0 | 1;
  /** Largest .rego / data file read, in bytes (the --max-file-size of the run). WASM bundles have their own cap. */
  maxFileSize?: number;
}

export interface LoadedPolicyOptions extends PolicyStageOptions {
  /** Findings about the policy and data files themselves. */
  files: VFile[];
  registry: RuleRegistry;
  /** The policy files loaded (display paths). */
  sources: string[];
}

/** Policy files under a path (`.rego`, `.wasm`, `.tar.gz`), skipping dot-folders and node_modules. */
export function walkPolicyFiles(path: string, out: string[], missing: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    missing.push(path);
    return;
  }
  if (!st.isDirectory()) return void out.push(path);
  for (const name of readdirSync(path).sort(byCodePoint)) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = join(path, name);
    if (statSync(p).isDirectory()) walkPolicyFiles(p, out, missing);
    else if (/\.(rego|wasm)$|\.tar\.gz$/.test(name)) out.push(p);
  }
}

/** A policy file that was not read (a FIFO, /dev/zero, too large…): a finding on it. */
function refused(shown: string, e: unknown): VFile {
  const f = new VFile({ path: shown });
  report(f, `cannot read ${shown}: ${e instanceof ReadRefusal ? e.message : String(e)}`, { ruleId: "io/read", source: "io", severity: "error" });
  return f;
}

export async function loadPolicyOptions(opts: PolicySourceOptions): Promise<LoadedPolicyOptions> {
  const cwd = opts.root ?? process.cwd();
  const found: string[] = [];
  const missing: string[] = [];
  const refs = resolvePolicyRefs(opts.paths, cwd);
  const files: VFile[] = [];
  for (const u of refs.unknown) {
    const f = new VFile({ path: u.ref });
    report(f, u.message, { ruleId: "io/read", source: "io", severity: "error" });
    files.push(f);
  }
  for (const p of refs.paths) {
    const before = found.length + missing.length;
    walkPolicyFiles(p, found, missing);
    const lint = found.slice(before).filter((f) => !f.endsWith(".rego") || opts.includeTests || !f.endsWith("_test.rego"));
    if (found.length + missing.length > before && lint.length === 0 && !missing.includes(p)) {
      // A folder with nothing to run would otherwise pass silently.
      const f = new VFile({ path: displayPath(p, cwd) });
      report(f, `--policy ${displayPath(p, cwd)} has no .rego, .wasm or bundle.tar.gz policy (test files aside): nothing was checked`, { ruleId: "policy/no-rules", source: "policy", severity: "warning" });
      files.push(f);
    } else if (found.length === before && !missing.includes(p)) {
      const f = new VFile({ path: displayPath(p, cwd) });
      report(f, `--policy ${displayPath(p, cwd)} has no .rego, .wasm or bundle.tar.gz policy: nothing was checked`, { ruleId: "policy/no-rules", source: "policy", severity: "warning" });
      files.push(f);
    }
  }
  for (const m of missing) {
    const f = new VFile({ path: displayPath(m, cwd) });
    report(f, `cannot read policies from ${displayPath(m, cwd)}: no such file or folder`, { ruleId: "io/read", source: "io", severity: "error" });
    files.push(f);
  }
  const rego = [...new Set(found.filter((f) => f.endsWith(".rego") && (opts.includeTests || !f.endsWith("_test.rego"))))].sort(byCodePoint);
  const wasm = [...new Set(found.filter((f) => !f.endsWith(".rego")))].sort(byCodePoint);
  const policies: LoadedPolicies[] = [];
  // Back ends are loaded on demand: a run without policies never pays for them.
  if (rego.length) {
    const { loadRegoPolicies } = await import("./rego-policies.js");
    const sources: { path: string; source: string }[] = [];
    for (const p of rego) {
      try {
        sources.push({ path: displayPath(p, cwd), source: readFileBounded(p, opts.maxFileSize ?? DEFAULT_LIMITS.maxFileSize).toString("utf8") });
      } catch (e) {
        files.push(refused(displayPath(p, cwd), e));
      }
    }
    const r = loadRegoPolicies(sources, opts.regoVersion ?? 1);
    files.push(...r.files);
    if (r.policies) policies.push(r.policies);
  }
  // WASM policies are untrusted code: they load and run in a worker with time and memory limits.
  const { loadSandboxedWasmPolicies } = wasm.length ? await import("./wasm/sandbox.js") : { loadSandboxedWasmPolicies: undefined };
  const maxWasmBytes = wasm.length ? (await import("./wasm/bundle.js")).DEFAULT_BUNDLE_LIMITS.maxArchiveBytes : undefined;
  for (const w of wasm) {
    const shown = displayPath(w, cwd);
    try {
      let bytes: Buffer;
      try {
        bytes = readFileBounded(w, maxWasmBytes!);
      } catch (e) {
        files.push(refused(shown, e));
        continue;
      }
      policies.push(await loadSandboxedWasmPolicies!(shown, bytes));
    } catch (e) {
      const f = new VFile({ path: shown });
      report(f, `cannot load WASM policy: ${(e as Error).message}`, { ruleId: "policy/load-error", source: "policy", severity: "error" });
      files.push(f);
    }
  }
  if (!opts.includeTests) files.push(...unselectedNamespaces(policies, opts, rego.length ? displayPath(rego[0]!, cwd) : wasm.length ? displayPath(wasm[0]!, cwd) : undefined));
  const data: Record<string, unknown> = {};
  for (const d of opts.dataPaths ?? []) {
    const f = new VFile({ path: displayPath(d, cwd) });
    let bytes: Buffer | undefined;
    try {
      bytes = readFileBounded(d, opts.maxFileSize ?? DEFAULT_LIMITS.maxFileSize);
    } catch (e) {
      report(f, `cannot read data file ${displayPath(d, cwd)}: ${e instanceof ReadRefusal ? e.message : String(e)}`, { ruleId: "io/read", source: "io", severity: "error" });
    }
    if (bytes) {
      const { documents } = parseYaml(f, bytes, undefined, { what: "data document" });
      for (const doc of documents) if (doc.value && typeof doc.value === "object") deepMerge(data, doc.value);
    }
    if (f.messages.length) files.push(f);
  }
  const scorec = (data.scorec && typeof data.scorec === "object" ? data.scorec : {}) as Record<string, unknown>;
  data.scorec = { ...scorec, environment: scorec.environment ?? opts.environment ?? "dev" };
  return {
    policies,
    data,
    namespaces: opts.namespaces,
    allNamespaces: opts.allNamespaces,
    combine: opts.combine,
    keepRule: refs.keepRule,
    files,
    registry: new RuleRegistry(),
    sources: [...rego, ...wasm].map((p) => displayPath(p, cwd)),
  };
}

/**
 * Policies were loaded but none of their deny/warn rules is in a selected namespace (`package acme` while
 * `--namespace main`): say which packages have rules and the flag that would include them.
 */
function unselectedNamespaces(policies: readonly LoadedPolicies[], opts: PolicySourceOptions, shown: string | undefined): VFile[] {
  if (!policies.length || shown === undefined || opts.allNamespaces) return [];
  const rules = policies.flatMap((p) => p.rules()).filter((r) => ruleKind(r.name));
  if (!rules.length) {
    const f = new VFile({ path: shown });
    report(f, "the policies define no deny, violation or warn rule: nothing was checked", { ruleId: "policy/no-rules", source: "policy", severity: "warning" });
    return [f];
  }
  const selected = new Set(policies.flatMap((p) => selectNamespaces(p.rules(), opts.namespaces ?? [], false)));
  if (rules.some((r) => selected.has(r.namespace))) return [];
  const packages = [...new Set(rules.map((r) => r.namespace))].sort(byCodePoint);
  const wanted = (opts.namespaces?.length ? opts.namespaces : ["main"]).join(", ");
  const f = new VFile({ path: shown });
  report(f, `no policy rule is in the selected namespace${wanted.includes(",") ? "s" : ""} (${wanted}): ${packages.map((p) => `package ${p}`).join(", ")} ${packages.length === 1 ? "has" : "have"} rules; add ${packages.map((p) => `--namespace ${p}`).join(" ")} (or --all-namespaces, or namespaces: in the config)`, {
    ruleId: "policy/no-rules",
    source: "policy",
    severity: "warning",
  });
  return [f];
}
