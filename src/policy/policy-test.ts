// `scorec policy test`: run every `test_*` rule of the given Rego files, like `opa test` / `conftest verify`.
// A test passes when its rule evaluates to true; undefined, false or an error fails it.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { compileModules, RegoError, type Program } from "../rego/index.js";

export interface PolicyTestResult {
  namespace: string;
  name: string;
  file: string;
  line: number;
  passed: boolean;
  /** Why it failed: "undefined", "false", or the error. */
  reason?: string;
  durationMs?: number;
}

export interface PolicyTestRun {
  results: PolicyTestResult[];
  compileErrors: RegoError[];
}

export function runPolicyTests(modules: { path: string; source: string }[], opts: { filter?: RegExp } = {}): PolicyTestRun {
  const r = compileModules(modules);
  if (!r.ok) return { results: [], compileErrors: r.errors };
  return { results: runTests(r.program, opts.filter), compileErrors: [] };
}

function runTests(program: Program, filter?: RegExp): PolicyTestResult[] {
  const seen = new Map<string, PolicyTestResult>();
  for (const rule of program.rules()) {
    if (!rule.name.startsWith("test_") || rule.kind === "function") continue;
    const namespace = rule.pkg.join(".");
    const key = `${namespace}.${rule.name}`;
    if (seen.has(key) || (filter && !filter.test(key))) continue;
    let passed = false;
    let reason: string | undefined;
    try {
      // No clock: `time.now_ns()` is the epoch unless a test mocks it with `with`.
      const v = program.evalRule([...rule.pkg, rule.name], { input: undefined, data: {}, nowNs: 0n, budget: { maxSteps: 5_000_000 } });
      passed = v === true;
      if (!passed) reason = v === undefined ? "undefined" : "false";
    } catch (e) {
      reason = e instanceof RegoError ? `${e.code}: ${e.message}` : String(e);
    }
    seen.set(key, { namespace, name: rule.name, file: rule.location.file, line: rule.location.row, passed, ...(reason ? { reason } : {}) });
  }
  return [...seen.values()].sort((a, b) => byCodePoint(a.file, b.file) || a.line - b.line);
}
