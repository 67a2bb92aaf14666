// `scorec policy test`: run every `test_*` rule of the given Rego files, like `opa test` / `conftest verify`.
// A test passes when its rule evaluates to true; undefined, false or an error fails it. A parameterized test
// (`test_x[name] if …`, OPA ≥ 1.2) is one result per case. Each test has its own step budget, so a looping
// test fails alone and the run still ends with its summary.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { registerConftestBuiltins } from "./conftest-builtins.js";
import { compileModules, coverageReport, CoverageRecorder, RegoError, RObject, type CoverageReport, type Program, type Tracer, type Value } from "../rego/index.js";
import { fanOut, TraceRecorder, type ExplainMode } from "./test-trace.js";
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
  /** Evaluation trace (with `explain`), kept for failing tests only. */
  trace?: string[];
}

export interface PolicyTestRun {
  results: PolicyTestResult[];
  compileErrors: RegoError[];
  /** Line coverage of the modules by the tests that ran (with `coverage`), in `opa test --coverage`'s shape. */
  coverage?: CoverageReport;
}

export interface PolicyTestOptions {
  filter?: RegExp;
  data?: unknown;
  regoVersion?: 0 | 1;
  /** Record which policy lines the tests evaluate. */
  coverage?: boolean;
  /** Folder conftest's file builtins may read under (default: the working directory). */
  root?: string;
  /** Keep an evaluation trace of failing tests. */
  explain?: ExplainMode;
}

export function runPolicyTests(modules: { path: string; source: string }[], opts: PolicyTestOptions = {}): PolicyTestRun {
  registerConftestBuiltins(opts.root ?? process.cwd());
  const r = compileModules(modules, { regoVersion: opts.regoVersion ?? 1 });
  if (!r.ok) return { results: [], compileErrors: r.errors };
  const cover = opts.coverage ? new CoverageRecorder() : undefined;
  const sources = opts.explain ? new Map(modules.map((m) => [m.path, m.source.split(/\r?\n/)])) : undefined;
  const results = runTests(r.program, opts, cover, sources);
  return { results, compileErrors: [], ...(cover ? { coverage: coverageReport(cover.hits, r.program.modules) } : {}) };
}

function evalTest(program: Program, path: Value[], data: unknown, tracer: Tracer | undefined): { value?: Value; reason?: string; output: string[] } {
  const output: string[] = [];
  try {
    // No clock: `time.now_ns()` is the epoch unless a test mocks it with `with`.
    const value = program.evalRule(path, {
      input: undefined,
      data: data ?? {},
      nowNs: 0n,
      budget: { maxSteps: TEST_BUDGET_STEPS },
      print: (l) => output.push(l),
      ...(tracer ? { tracer } : {}),
    });
    return { value, output };
  } catch (e) {
    return { reason: e instanceof RegoError ? `${e.code}: ${e.message}` : String(e), output };
  }
}

function runTests(program: Program, opts: PolicyTestOptions, cover: CoverageRecorder | undefined, sources: Map<string, string[]> | undefined): PolicyTestResult[] {
  const seen = new Map<string, PolicyTestResult[]>();
  for (const rule of program.rules()) {
    if (!rule.name.startsWith("test_") || rule.kind === "function") continue;
    const namespace = rule.pkg.join(".");
    const key = `${namespace}.${rule.name}`;
    if (seen.has(key) || (opts.filter && !opts.filter.test(key))) continue;
    const base = { namespace, name: rule.name, file: rule.location.file, line: rule.location.row };
    const trace = opts.explain && sources ? new TraceRecorder(opts.explain, sources) : undefined;
    const { value, reason, output } = evalTest(program, [...rule.pkg, rule.name], opts.data, fanOut(([cover, trace] as (Tracer | undefined)[]).filter((t): t is Tracer => !!t)));
    const traced = trace?.result() ?? [];
    const out = { ...(output.length ? { output } : {}) };
    const failedTrace = traced.length ? { trace: traced } : {};
    if (rule.kind === "object" && value instanceof RObject) {
      // Parameterized: one result per case, named like OPA's `test_x[name]`.
      const cases = [...value.sortedEntries()].map(([k, v]) => ({
        ...base,
        name: `${rule.name}[${typeof k === "string" ? JSON.stringify(k) : String(k)}]`,
        passed: v === true,
        ...(v === true ? {} : { reason: "false" }),
        ...out,
        ...(v === true ? {} : failedTrace),
      }));
      seen.set(key, cases);
      continue;
    }
    const passed = value === true;
    const why = reason ?? (passed ? undefined : value === undefined ? "undefined" : "false");
    seen.set(key, [{ ...base, passed, ...(why ? { reason: why } : {}), ...out, ...(passed ? {} : failedTrace) }]);
  }
  return [...seen.values()].flat().sort((a, b) => byCodePoint(a.file, b.file) || a.line - b.line || byCodePoint(a.name, b.name));
}
