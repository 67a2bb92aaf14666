// `scorec policy test`: run every `test_*` rule of the given Rego files, like `opa test` / `conftest verify`.
// A test passes when its rule evaluates to true; undefined, false or an error fails it. A parameterized test
// (`test_x[name] if …`, OPA ≥ 1.2) is one result per case. Each test has its own step budget, so a looping
// test fails alone and the run still ends with its summary.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { compileModules, RegoError, RObject, type Program, type Value } from "../rego/index.js";
// Node-only builtins (io.jwt public-key verification, crypto.x509.*) on Node's crypto.
import "../rego/builtins/node-builtins.js";

/** Steps per test (per evaluation): a looping test fails with eval_budget_exceeded instead of hanging. */
export const TEST_BUDGET_STEPS = 5_000_000;

export interface PolicyTestResult {
  namespace: string;
  name: string;
  file: string;
  line: number;
  passed: boolean;
  /** Why it failed: "undefined", "false", or the error. */
  reason?: string;
  /** `print()` output of the test's evaluation. */
  output?: string[];
}

export interface PolicyTestRun {
  results: PolicyTestResult[];
  compileErrors: RegoError[];
}

export interface PolicyTestOptions {
  filter?: RegExp;
  data?: unknown;
  regoVersion?: 0 | 1;
}

export function runPolicyTests(modules: { path: string; source: string }[], opts: PolicyTestOptions = {}): PolicyTestRun {
  const r = compileModules(modules, { regoVersion: opts.regoVersion ?? 1 });
  if (!r.ok) return { results: [], compileErrors: r.errors };
  return { results: runTests(r.program, opts), compileErrors: [] };
}

function evalTest(program: Program, path: Value[], data: unknown): { value?: Value; reason?: string; output: string[] } {
  const output: string[] = [];
  try {
    // No clock: `time.now_ns()` is the epoch unless a test mocks it with `with`.
    const value = program.evalRule(path, {
      input: undefined,
      data: data ?? {},
      nowNs: 0n,
      budget: { maxSteps: TEST_BUDGET_STEPS },
      print: (l) => output.push(l),
    });
    return { value, output };
  } catch (e) {
    return { reason: e instanceof RegoError ? `${e.code}: ${e.message}` : String(e), output };
  }
}

function runTests(program: Program, opts: PolicyTestOptions): PolicyTestResult[] {
  const seen = new Map<string, PolicyTestResult[]>();
  for (const rule of program.rules()) {
    if (!rule.name.startsWith("test_") || rule.kind === "function") continue;
    const namespace = rule.pkg.join(".");
    const key = `${namespace}.${rule.name}`;
    if (seen.has(key) || (opts.filter && !opts.filter.test(key))) continue;
    const base = { namespace, name: rule.name, file: rule.location.file, line: rule.location.row };
    const { value, reason, output } = evalTest(program, [...rule.pkg, rule.name], opts.data);
    const out = output.length ? { output } : {};
    if (rule.kind === "object" && value instanceof RObject) {
      // Parameterized: one result per case, named like OPA's `test_x[name]`.
      const cases = [...value.sortedEntries()].map(([k, v]) => ({
        ...base,
        name: `${rule.name}[${typeof k === "string" ? JSON.stringify(k) : String(k)}]`,
        passed: v === true,
        ...(v === true ? {} : { reason: "false" }),
        ...out,
      }));
      seen.set(key, cases);
      continue;
    }
    const passed = value === true;
    const why = reason ?? (passed ? undefined : value === undefined ? "undefined" : "false");
    seen.set(key, [{ ...base, passed, ...(why ? { reason: why } : {}), ...out }]);
  }
  return [...seen.values()].flat().sort((a, b) => byCodePoint(a.file, b.file) || a.line - b.line || byCodePoint(a.name, b.name));
}
