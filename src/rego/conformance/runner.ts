// Runs normalised conformance cases through the engine and classifies each as passed, failed or skipped.
import { compileModules, RegoError, type Program } from "../index.js";
import { regoText, RObject, type Value } from "../value.js";
import { matches, sameMultiset } from "./compare.js";
import { findCaseFiles, loadCases, type NormalCase } from "./load.js";
import { lookupBuiltin } from "../registry.js";
// Node-only builtins (io.jwt public-key verification, crypto.x509.*) on Node's crypto.
import "../builtins/node-builtins.js";
import { EXCLUDED_BUILTIN_FAMILIES, SKIPS } from "./skips.js";

export type Status = "passed" | "failed" | "skipped";

export interface CaseResult {
  file: string;
  note: string;
  status: Status;
  reason?: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  results: CaseResult[];
}

function skipReason(c: NormalCase, rel: string): string | undefined {
  if (c.skip) return c.skip;
  const src = c.modules.join("\n") + "\n" + c.query;
  for (const s of SKIPS) {
    if (s.file && !rel.includes(s.file)) continue;
    if (s.note && !s.note.test(c.note) && !s.source) continue;
    if (s.source && !s.source.test(src)) continue;
    if (s.note && s.file && !s.note.test(c.note)) continue;
    if (!s.file && !s.note && !s.source) continue;
    return s.reason;
  }
  for (const f of EXCLUDED_BUILTIN_FAMILIES) {
    for (const m of src.matchAll(f.pattern)) if (!lookupBuiltin(m[0])) return f.reason;
  }
  return undefined;
}

const FIXED_NOW = 1_700_000_000_000_000_000n;

type Outcome = { ok: true; sols: { bindings: Map<string, Value>; exprs: Value[] }[]; prints: string[] } | { ok: false; error: RegoError | Error };

function evaluate(c: NormalCase, input: Value | undefined): Outcome {
  const prints: string[] = [];
  try {
    // OPA's harness names modules test-<i>.rego; some expected messages include that name.
    const modules = c.modules.map((source, i) => ({ path: `test-${i}.rego`, source }));
    const r = compileModules(modules, { regoVersion: c.regoVersion });
    if (!r.ok) return { ok: false, error: r.errors[0]! };
    const program: Program = r.program;
    let inp = input;
    if (c.inputTerm !== undefined) {
      const t = program.query(`__input := ${c.inputTerm}`);
      inp = t[0]?.get("__input");
    }
    const sols = program.queryFull(c.query, {
      input: inp,
      data: c.data,
      strictBuiltinErrors: c.strict,
      nowNs: FIXED_NOW,
      print: (l) => prints.push(l),
      budget: { maxSteps: 2_000_000 },
    }, c.corpus === "regorus");
    return { ok: true, sols, prints };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

function bindingsObject(b: Map<string, Value>): RObject {
  const o = new RObject();
  for (const [k, v] of b) o.set(k, v);
  return o;
}

function show(v: unknown): string {
  try {
    return regoText(v as Value);
  } catch {
    return String(v);
  }
}

export function runCase(c: NormalCase, rel: string): CaseResult {
  const base = { file: rel, note: c.note };
  const skip = skipReason(c, rel);
  if (skip) return { ...base, status: "skipped", reason: skip };
  const fail = (reason: string): CaseResult => ({ ...base, status: "failed", reason });
  const w = c.want;
  for (let idx = 0; idx < c.inputs.length; idx++) {
    const out = evaluate(c, c.inputs[idx]);
    if (!out.ok) {
      if (w.kind !== "error") return fail(`unexpected error: ${String(out.error)}`);
      if (!(out.error instanceof RegoError)) return fail(`internal error: ${out.error.stack ?? out.error.message}`);
      if (w.loose) continue;
      if (w.code && out.error.code !== w.code) return fail(`want error code ${w.code}, got ${String(out.error)}`);
      if (w.message && !out.error.message.includes(w.message) && !String(out.error).includes(w.message)) return fail(`want error containing "${w.message}", got ${String(out.error)}`);
      continue;
    }
    const sols = out.sols;
    switch (w.kind) {
      case "error":
        return fail(`want error ${w.code ?? ""} ${w.message ?? ""}, got ${sols.length} result(s)`);
      case "results": {
        const got = sols.map((s) => bindingsObject(s.bindings));
        if (!sameMultiset(got, w.results)) return fail(`want ${show(w.results)}, got ${show(got)}`);
        break;
      }
      case "noResult":
        if (sols.length) return fail(`want no result, got ${sols.length}`);
        break;
      case "defined":
        if (!sols.length) return fail("want defined, got undefined");
        break;
      case "output": {
        const got = out.prints.join("\n").trim();
        if (got !== w.text.trim()) return fail(`want output ${JSON.stringify(w.text)}, got ${JSON.stringify(got)}`);
        break;
      }
      case "value": {
        const want = w.values.length === c.inputs.length ? w.values[idx]! : w.values;
        const one = (s: { bindings: Map<string, Value>; exprs: Value[] }): Value =>
          s.bindings.size ? bindingsObject(s.bindings) : s.exprs.length === 1 ? s.exprs[0]! : s.exprs;
        let got: Value;
        if (sols.length === 1) got = one(sols[0]!);
        else if (sols.length === 0) return fail(`want ${show(want)}, got undefined`);
        else got = sols.map(one);
        const ok = sols.length > 1 && Array.isArray(want) ? sameMultiset(got as Value[], want) : matches(got, want as Value);
        if (!ok) return fail(`want ${show(want)}, got ${show(got)}`);
        break;
      }
    }
  }
  return { ...base, status: "passed" };
}

export function runDir(dir: string): RunSummary {
  const results: CaseResult[] = [];
  for (const f of findCaseFiles(dir)) {
    const rel = f.startsWith(dir) ? f.slice(dir.length).replace(/^[\\/]/, "") : f;
    // Skips name Regorus and rego-cpp files from their corpus folder on ("regorus/loop/chained.yaml").
    const inCorpus = /[\\/]((?:regorus|rego-cpp)[\\/].*)$/.exec(f);
    const relWithCorpus = inCorpus ? inCorpus[1]!.replace(/\\/g, "/") : rel;
    let cases: NormalCase[];
    try {
      cases = loadCases(f);
    } catch (e) {
      results.push({ file: relWithCorpus, note: "(file)", status: "failed", reason: `cannot load: ${(e as Error).message}` });
      continue;
    }
    for (const c of cases) results.push(runCase(c, relWithCorpus));
  }
  const count = (s: Status) => results.filter((r) => r.status === s).length;
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), results };
}
