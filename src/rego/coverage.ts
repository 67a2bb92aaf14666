// Line coverage as `opa test --coverage` reports it. A line is covered when an expression on it was evaluated
// or a rule clause whose head is on it exited (its body held); a line is not covered when it holds a rule head
// or an expression (other than a `some` declaration) and was never covered. Lines with neither (comments,
// imports, blank lines, the package) count for nothing. Ranges join consecutive rows; percentages are of the
// rows counted, per file and overall. The JSON shape is OPA's (`omitempty` fields left out when empty/zero).
import type { Expr, ModuleAst, Term } from "./ast.js";
import type { Location } from "./errors.js";
import type { TraceOp, Tracer } from "./eval.js";
import { byCodePoint } from "../diagnostics/diagnostic.js";

export interface RowRange {
  start: { row: number };
  end: { row: number };
}

export interface FileCoverage {
  covered?: RowRange[];
  not_covered?: RowRange[];
  covered_lines?: number;
  not_covered_lines?: number;
  coverage?: number;
}

export interface CoverageReport {
  files: Record<string, FileCoverage>;
  covered_lines: number;
  not_covered_lines: number;
  coverage: number;
}

/** A tracer that records the covered rows (file → rows); share one across every evaluation of a test run. */
export class CoverageRecorder implements Tracer {
  readonly hits = new Map<string, Set<number>>();
  event(op: TraceOp, loc: Location): void {
    if ((op !== "eval" && op !== "exit") || !loc.file) return;
    let rows = this.hits.get(loc.file);
    if (!rows) this.hits.set(loc.file, (rows = new Set()));
    rows.add(loc.row);
  }
}

export function coverageReport(hits: Map<string, Set<number>>, modules: readonly ModuleAst[]): CoverageReport {
  const files = new Map<string, FileCoverage>();
  const fileOf = (f: string) => {
    let fc = files.get(f);
    if (!fc) files.set(f, (fc = {}));
    return fc;
  };
  for (const [file, rows] of hits) {
    const r = ranges([...rows]);
    if (r.length) fileOf(file).covered = r;
  }
  const notCovered = new Map<string, number[]>();
  for (const m of modules) {
    const rows = notCovered.get(m.file) ?? [];
    notCovered.set(m.file, rows);
    const hit = hits.get(m.file);
    const consider = (loc: Location) => {
      if (loc.file && !hit?.has(loc.row)) rows.push(loc.row);
    };
    for (const r of m.rules) {
      consider(r.loc);
      for (const e of r.elses) consider(e.loc);
      walkBody(r.body, consider);
      for (const e of r.elses) walkBody(e.body, consider);
      for (const t of [...r.ref, ...(r.args ?? []), r.key, r.value, ...r.elses.map((e) => e.value)]) if (t) walkTerm(t, consider);
    }
  }
  for (const [file, rows] of notCovered) {
    const fc = fileOf(file);
    const r = ranges(rows);
    if (r.length) fc.not_covered = r;
  }
  let covered = 0;
  let notCov = 0;
  const out: Record<string, FileCoverage> = {};
  for (const file of [...files.keys()].sort(byCodePoint)) {
    const fc = files.get(file)!;
    const c = lines(fc.covered);
    const n = lines(fc.not_covered);
    if (c) fc.covered_lines = c;
    if (n) fc.not_covered_lines = n;
    if (c) fc.coverage = (100 * c) / (c + n);
    covered += c;
    notCov += n;
    out[file] = fc;
  }
  return { files: out, covered_lines: covered, not_covered_lines: notCov, coverage: covered + notCov ? (100 * covered) / (covered + notCov) : 0 };
}

function walkBody(body: Expr[], f: (loc: Location) => void): void {
  for (const e of body) {
    // OPA leaves `some` declarations (with or without `in`) out of the lines to cover.
    if (e.kind.k !== "some" && e.kind.k !== "somein") f(e.loc);
    const k = e.kind;
    switch (k.k) {
      case "term":
        walkTerm(k.term, f);
        break;
      case "unify":
      case "assign":
        walkTerm(k.a, f);
        walkTerm(k.b, f);
        break;
      case "somein":
        walkTerm(k.coll, f);
        break;
      case "every":
        walkTerm(k.coll, f);
        walkBody(k.body, f);
        break;
      case "some":
        break;
    }
    for (const w of e.with) walkTerm(w.value, f);
  }
}

/** Expressions inside comprehensions count as OPA's WalkExprs finds them. */
function walkTerm(t: Term, f: (loc: Location) => void): void {
  switch (t.t) {
    case "ref":
      walkTerm(t.head, f);
      for (const p of t.path) walkTerm(p, f);
      break;
    case "array":
    case "set":
      for (const x of t.items) walkTerm(x, f);
      break;
    case "object":
      for (const [a, b] of t.items) (walkTerm(a, f), walkTerm(b, f));
      break;
    case "acompr":
    case "scompr":
      walkTerm(t.head, f);
      walkBody(t.body, f);
      break;
    case "ocompr":
      walkTerm(t.key, f);
      walkTerm(t.value, f);
      walkBody(t.body, f);
      break;
    case "call":
      for (const a of t.args) walkTerm(a, f);
      break;
    default:
      break;
  }
}

function ranges(rows: number[]): RowRange[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const out: RowRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r === last.end.row + 1) last.end.row = r;
    else out.push({ start: { row: r }, end: { row: r } });
  }
  return out;
}

function lines(rs: RowRange[] | undefined): number {
  let n = 0;
  for (const r of rs ?? []) n += r.end.row - r.start.row + 1;
  return n;
}
