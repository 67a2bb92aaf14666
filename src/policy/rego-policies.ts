// The Rego back end: `.rego` files compiled by our TypeScript evaluator into one program; conftest's
// questions ("which rules are there", "what is data.<ns>.<rule>") answered from it.
import { VFile } from "vfile";
import { report, byCodePoint } from "../diagnostics/diagnostic.js";
import { registerConftestBuiltins } from "./conftest-builtins.js";
import { compileModules, fromJSON, RegoError, toJSON, type Annotations, type Program, type Value } from "../rego/index.js";
import { v0Hint } from "./v0-hint.js";
// Node-only builtins (io.jwt public-key verification, crypto.x509.*) on Node's crypto.
import "../rego/builtins/node-builtins.js";
import { PolicyEvalError, type LoadedPolicies, type PolicyRule, type RuleAnnotations } from "./backend.js";

/** Per evaluation: a hostile policy cannot hang the linter. */
const BUDGET = { maxSteps: 2_000_000 };
/** scorec reads no clock: `time.now_ns()` is the epoch in every evaluation (policies stay reproducible). */
const NOW_NS = 0n;

export interface RegoLoadResult {
  policies?: LoadedPolicies;
  /** One vfile per policy file with findings (parse and compile errors, positioned). */
  files: VFile[];
}

function toRuleAnnotations(a: Annotations | undefined): RuleAnnotations | undefined {
  if (!a) return undefined;
  const related = (a.related_resources ?? [])
    .map((r) => (typeof r === "string" ? r : r && typeof r === "object" ? (r as { ref?: string }).ref : undefined))
    .filter((r): r is string => typeof r === "string");
  return {
    ...(a.title ? { title: a.title } : {}),
    ...(a.description ? { description: a.description } : {}),
    ...(a.custom ? { custom: a.custom } : {}),
    ...(related.length ? { relatedResources: related } : {}),
    file: a.location.file,
    line: a.location.row,
  };
}

export function regoErrorFiles(errors: readonly RegoError[], fallbackPath: string, regoVersion: 0 | 1 = 1): VFile[] {
  const byFile = new Map<string, VFile>();
  for (const e of errors) {
    const path = e.location?.file ?? fallbackPath;
    let f = byFile.get(path);
    if (!f) byFile.set(path, (f = new VFile({ path })));
    const line = e.location?.row ?? 1;
    const column = e.location?.col ?? 1;
    report(f, `${e.code}: ${e.message}${v0Hint(e, regoVersion)}`, {
      ruleId: `policy/${e.code}`,
      source: "policy",
      severity: "error",
      range: { start: { line, column }, end: { line, column: column + 1 } },
    });
  }
  return [...byFile.values()];
}

/**
 * The Value of the object converted last. A unit's input is evaluated once per namespace, one unit after
 * another, so the last one is all there is to reuse; holding every converted input for the whole run
 * (a WeakMap keyed by specs the run keeps) made each survive the young generation, and garbage
 * collection copy it.
 */
class LastValue {
  private from: object | undefined = undefined;
  private value: Value = null;
  get(v: unknown): Value {
    if (v === null || typeof v !== "object") return fromJSON(v);
    if (v !== this.from) {
      this.value = fromJSON(v);
      this.from = v;
    }
    return this.value;
  }
}

export class RegoPolicies implements LoadedPolicies {
  readonly backend = "rego" as const;
  private readonly ruleList: PolicyRule[];
  private readonly inputs = new LastValue();
  private readonly data = new LastValue();

  constructor(readonly program: Program) {
    const seen = new Map<string, PolicyRule>();
    for (const r of program.rules()) {
      const namespace = r.pkg.join(".");
      const key = `${namespace}\u0000${r.name}`;
      const ann = toRuleAnnotations(r.annotations.find((a) => a.scope !== "package" && a.scope !== "subpackages"));
      const prev = seen.get(key);
      if (!prev) seen.set(key, { namespace, name: r.name, ...(ann ? { annotations: ann } : {}) });
      else if (!prev.annotations && ann) prev.annotations = ann;
    }
    this.ruleList = [...seen.values()].sort((a, b) => byCodePoint(a.namespace, b.namespace) || byCodePoint(a.name, b.name));
  }

  rules(): PolicyRule[] {
    return this.ruleList;
  }

  evaluate(namespace: string, rule: string, input: unknown, data: unknown): unknown | undefined {
    return this.evaluateMany(namespace, [rule], input, data)[0];
  }

  /** Document paths of a namespace's rules; the policy stage asks with the same list for every workload. */
  private lastPaths: { namespace: string; rules: readonly string[]; paths: Value[][] } | undefined;
  private paths(namespace: string, rules: readonly string[]): Value[][] {
    const l = this.lastPaths;
    if (l !== undefined && l.namespace === namespace && l.rules === rules) return l.paths;
    const ns = namespace.split(".");
    const paths = rules.map((r) => [...ns, r]);
    this.lastPaths = { namespace, rules, paths };
    return paths;
  }

  /** One evaluator for all rules of a namespace: helper rules shared by several deny rules run once. */
  evaluateMany(namespace: string, rules: readonly string[], input: unknown, data: unknown): (unknown | undefined)[] {
    try {
      const values = this.program.evalRules(
        this.paths(namespace, rules),
        { input: this.inputs.get(input), data: this.data.get(data), budget: { maxSteps: BUDGET.maxSteps * rules.length, maxBuilt: 4_000_000 * rules.length }, nowNs: NOW_NS },
      );
      return values.map((v) => (v === undefined ? undefined : toJSON(v)));
    } catch (e) {
      if (e instanceof RegoError) throw new PolicyEvalError(e.message, e.code, e.location?.file, e.location?.row, e.location?.col);
      throw e;
    }
  }
}

export function loadRegoPolicies(modules: { path: string; source: string }[], regoVersion: 0 | 1 = 1): RegoLoadResult {
  registerConftestBuiltins(process.cwd());
  const r = compileModules(modules, { regoVersion });
  if (!r.ok) return { files: regoErrorFiles(r.errors, modules[0]?.path ?? "policy.rego", regoVersion) };
  return { policies: new RegoPolicies(r.program), files: [] };
}
