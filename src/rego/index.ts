// Public API of the Rego engine: compile modules once, then evaluate rules or queries many times.
//
//   const r = compileModules([{ path: "p.rego", source }]);
//   if (!r.ok) throw new Error(r.errors.map(String).join("\n"));     // RegoError: code, message, location
//   const denies = r.program.evalRule(["main", "deny"], { input: workloadJson, nowNs: 0n });
//   if (denies !== undefined) console.log(toJSON(denies));             // sets come back as sorted arrays
//
// Evaluation errors are thrown as RegoError (eval_conflict_error, eval_type_error, eval_builtin_error with
// strictBuiltinErrors, eval_budget_exceeded). Nothing here uses Node APIs, so the engine also runs in a browser.
import type { Annotations, Expr, ModuleAst, Term } from "./ast.js";
import { callArity, compileAsts, compileQueryBody, type CompiledModules } from "./compiler.js";
import { RegoError, type Location } from "./errors.js";
import { Evaluator, type Budget, type EvalOptions, type TraceOp, type Tracer } from "./eval.js";
import { parseModule, parseQuery } from "./parser.js";
import { strictChecks } from "./strict.js";
import { fromJSON, RObject, type Value } from "./value.js";
import { surfaceExprVars, allVars } from "./vars.js";

export { RegoError, type Location, type Budget, type EvalOptions, type Annotations, type TraceOp, type Tracer };
export * from "./value.js";

export interface ModuleSource {
  path: string;
  source: string;
}

export interface CompileOptions {
  /** Rego syntax version; 1 (default) requires `if`/`contains`. A v0 module saying `import rego.v1` is read as v1. */
  regoVersion?: 0 | 1;
  /** OPA's strict mode: duplicate/unused imports, unused `:=` vars and deprecated builtins are errors. */
  strict?: boolean;
}

export interface RuleInfo {
  /** Package path without the leading `data`, e.g. ["main"]. */
  pkg: string[];
  /** Rule name (first segment of the head), e.g. "deny". */
  name: string;
  /** Full document path of the rule relative to data, e.g. ["main", "deny"]. */
  path: Value[];
  kind: "complete" | "set" | "object" | "function";
  isDefault: boolean;
  annotations: Annotations[];
  location: Location;
}

export interface PackageInfo {
  path: string[];
  annotations: Annotations[];
  location: Location;
}

export type CompileResult = { ok: true; program: Program } | { ok: false; errors: RegoError[] };

export function compileModules(modules: ModuleSource[], opts: CompileOptions = {}): CompileResult {
  const asts = [];
  const errors: RegoError[] = [];
  for (const m of modules) {
    try {
      asts.push(parseModule(m.source, m.path, opts.regoVersion ?? 1));
    } catch (e) {
      if (e instanceof RegoError) errors.push(e);
      else if (isStackOverflow(e)) errors.push(tooDeep("rego_parse_error", m.path));
      else throw e;
    }
  }
  if (opts.strict) for (const a of asts) errors.push(...strictChecks(a));
  if (errors.length) return { ok: false, errors };
  let r;
  try {
    r = compileAsts(asts);
  } catch (e) {
    if (e instanceof RegoError) return { ok: false, errors: [e] };
    if (isStackOverflow(e)) return { ok: false, errors: [tooDeep("rego_compile_error", modules[0]?.path ?? "")] };
    throw e;
  }
  if (!r.ok) return r;
  return { ok: true, program: new Program(r.compiled) };
}

/** Input/data may be given as plain JSON or as Values. */
export interface RunOptions extends Omit<EvalOptions, "input" | "data"> {
  input?: unknown;
  data?: unknown;
}

export class Program {
  constructor(private readonly c: CompiledModules) {}

  /** Packages with their package-scoped annotations. */
  get packages(): PackageInfo[] {
    const seen = new Map<string, PackageInfo>();
    for (const m of this.c.modules) {
      const k = m.pkg.join(".");
      let p = seen.get(k);
      if (!p) seen.set(k, (p = { path: m.pkg.map(String), annotations: [], location: m.pkgLoc }));
      p.annotations.push(...m.annotations);
    }
    return [...seen.values()];
  }

  /** The compiled modules' syntax trees (coverage walks them for the lines that can be covered). */
  get modules(): readonly ModuleAst[] {
    return this.c.modules;
  }

  /** Every rule definition (one entry per definition, so a name can repeat). */
  rules(): RuleInfo[] {
    return this.c.rules.map((r) => ({
      pkg: r.pkg.map(String),
      name: r.name,
      path: r.path,
      kind: r.kind === "func" ? "function" : r.suffix.length ? "object" : r.kind,
      isDefault: r.isDefault,
      annotations: r.annotations,
      location: r.loc,
    }));
  }

  /** Value of the document `data.<path>` (e.g. ["main", "deny"]); undefined when the rule is undefined. */
  evalRule(path: Value[], opts: RunOptions = {}): Value | undefined {
    return guard(() => new Evaluator(this.c, toEvalOptions(opts)).document(path));
  }

  /**
   * Values of several documents for the same input and data, in one evaluation: rules they share (helper
   * rules, functions) are computed once. The budget covers the whole set. undefined entries are undefined.
   */
  evalRules(paths: Value[][], opts: RunOptions = {}): (Value | undefined)[] {
    return guard(() => {
      const ev = new Evaluator(this.c, toEvalOptions(opts));
      return paths.map((p) => ev.document(p));
    });
  }

  /** Evaluate a query such as `x := data.main.deny`; returns one binding map per solution ([] = undefined). */
  query(text: string, opts: RunOptions = {}): Map<string, Value>[] {
    return this.queryFull(text, opts).map((r) => r.bindings);
  }

  /**
   * Like `query`, but each solution also carries the value of every query expression (`true` for
   * unifications, the term's value for a bare term), as OPA's query API reports them.
   */
  queryFull(text: string, opts: RunOptions = {}, falseIsValue = false): { bindings: Map<string, Value>; exprs: Value[] }[] {
    const body = parseQuery(text, 1);
    const vars = new Set<string>();
    for (const e of body) {
      surfaceExprVars(e, vars);
      if (e.kind.k === "some") for (const v of e.kind.vars) allVars(v, vars);
    }
    const names = [...vars].filter((v) => v !== "input" && v !== "data" && v !== "_" && !v.startsWith("$"));
    // Capture bare-term values through hidden vars; the term must still not be `false`.
    const exprVars: (string | undefined)[] = [];
    const rewritten: Expr[] = [];
    body.forEach((e, i) => {
      const t = e.kind.k === "term" ? e.kind.term : undefined;
      const outputCall = t?.t === "call" && t.args.length === (callArity(t.name, this.c.funcArity) ?? -1) + 1;
      if (t && !e.negated && !outputCall && !(t.t === "call" && t.name === "print")) {
        const v = `$e${i}`;
        exprVars.push(v);
        const vt: Term = { t: "var", name: v, loc: e.loc };
        rewritten.push({ ...e, kind: { k: "unify", a: vt, b: t } });
        // OPA fails a query whose expression is `false`; some harnesses (Regorus) report the value instead.
        if (!falseIsValue || body.length > 1) rewritten.push({ kind: { k: "term", term: vt }, negated: false, with: [], loc: e.loc });
      } else {
        exprVars.push(undefined);
        rewritten.push(e);
      }
    });
    const compiled = compileQueryBody(rewritten, this.c);
    const all = [...names, ...exprVars.filter((v): v is string => !!v)];
    const sols = guard(() => new Evaluator(this.c, toEvalOptions(opts)).query(compiled, all));
    return sols.map((m) => {
      const bindings = new Map<string, Value>();
      for (const n of names) if (m.has(n)) bindings.set(n, m.get(n)!);
      return { bindings, exprs: exprVars.map((v) => (v ? m.get(v)! : true)) };
    });
  }
}

function toEvalOptions(o: RunOptions): EvalOptions {
  return {
    ...o,
    input: o.input === undefined ? undefined : fromJSON(o.input),
    data: o.data === undefined ? new RObject() : fromJSON(o.data),
  };
}

const isStackOverflow = (e: unknown): boolean => e instanceof RangeError && /call stack/.test(e.message);

/**
 * Last resort for a structure the explicit limits (MAX_TERM_NESTING, MAX_CALL_DEPTH) do not cover: a
 * "too deeply nested" error on the module rather than a stack trace. The limits normally fire first.
 */
function tooDeep(code: "rego_parse_error" | "rego_compile_error", file: string): RegoError {
  return new RegoError(code, "too deeply nested: the module nests deeper than this engine can process", { file, row: 1, col: 1 });
}

/** Deep recursion in a hostile policy surfaces as a budget error rather than a JS stack overflow. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isStackOverflow(e)) throw new RegoError("eval_budget_exceeded", "too deeply nested: evaluation exceeded the maximum recursion depth");
    // "Invalid string length" and the like: a value past what the engine can hold
    if (e instanceof RangeError) throw new RegoError("eval_budget_exceeded", `evaluation exceeded a size limit: ${e.message}`);
    throw e;
  }
}

export { parseModule, parseQuery };
export { coverageReport, CoverageRecorder, type CoverageReport, type FileCoverage } from "./coverage.js";
export { registerBuiltin } from "./registry.js";
export type { BuiltinDef, BuiltinContext } from "./builtins/types.js";
export { BuiltinError } from "./builtins/types.js";
