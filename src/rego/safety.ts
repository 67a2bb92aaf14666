// Safety: every var must be bound before it is needed. Bodies are reordered greedily (as OPA does) so that
// expressions binding a var run before those using it; what cannot be ordered is an unsafe var.
import type { Expr, ExprKind, Term } from "./ast.js";
import { RegoError, type Location } from "./errors.js";
import { refName } from "./parser.js";
import { lookupBuiltin } from "./registry.js";
import type { Ctx } from "./scope.js";
import { callArity } from "./typecheck.js";
import { allVars, exprVars, GLOBALS, patternVars, surfaceExprVars, surfaceVars, valueVars } from "./vars.js";

export function checkHeadSafe(terms: Term[], bound: Set<string>, loc: Location, ctx: Ctx): void {
  for (const t of terms) {
    const needs = new Set<string>();
    const outs = new Set<string>();
    valueVars(t, needs, outs, bound);
    // Ref keys in the head may enumerate (`q(_) := xs[_]`); only vars needing a value must be bound.
    for (const v of needs) {
      if (!bound.has(v) && !GLOBALS.has(v)) throw new RegoError("rego_unsafe_var_error", `var ${displayVar(v)} is unsafe`, loc);
    }
  }
  void ctx;
}

export function displayVar(v: string): string {
  return v.startsWith("$_") ? "_" : v.replace(/\$\d+$/, "");
}


// ---- safety reordering ----

interface ExprInfo {
  needs: Set<string>;
  outs: Set<string>;
  unify?: { a: Term; b: Term };
}

function termNeedsOuts(t: Term, needs: Set<string>, outs: Set<string>, outer: Set<string>, ctx: Ctx, top: boolean): void {
  // A call whose extra last argument is an output (`count(x, n)`).
  if (top && t.t === "call") {
    const ar = callArity(t.name, ctx.funcArity);
    if (ar !== undefined && t.args.length === ar + 1) {
      for (let i = 0; i < ar; i++) valueVars(t.args[i]!, needs, outs, outer);
      patternVars(t.args[ar]!, needs, outs, outer);
      return;
    }
  }
  valueVars(t, needs, outs, outer);
}

function exprInfo(e: Expr, outer: Set<string>, ctx: Ctx): ExprInfo {
  const needs = new Set<string>();
  const outs = new Set<string>();
  const k = e.kind;
  let unify: ExprInfo["unify"];
  switch (k.k) {
    case "term":
      termNeedsOuts(k.term, needs, outs, outer, ctx, true);
      break;
    case "unify":
    case "assign":
      patternVars(k.a, needs, outs, outer);
      patternVars(k.b, needs, outs, outer);
      unify = { a: k.a, b: k.b };
      break;
    case "some":
      break;
    case "somein":
      valueVars(k.coll, needs, outs, outer);
      if (k.key) patternVars(k.key, needs, outs, outer);
      patternVars(k.val, needs, outs, outer);
      break;
    case "every": {
      valueVars(k.coll, needs, outs, outer);
      const inner = new Set<string>();
      for (const b of k.body) exprVars(b, inner);
      const local = new Set<string>();
      if (k.key) allVars(k.key, local);
      allVars(k.val, local);
      for (const v of inner) if (outer.has(v) && !local.has(v) && !GLOBALS.has(v)) needs.add(v);
      break;
    }
  }
  for (const w of e.with) {
    // `with f as count`: a function name, not a variable.
    const n = w.value.t === "var" || w.value.t === "ref" ? refName(w.value) : undefined;
    if (n !== undefined && (lookupBuiltin(n) || n.startsWith("data."))) continue;
    valueVars(w.value, needs, outs, outer);
  }
  if (e.negated) {
    // Every named var in a negated expression must be bound by the time it runs.
    for (const v of outs) if (!v.startsWith("$_")) needs.add(v);
    outs.clear();
    unify = undefined;
  }
  return { needs, outs, unify };
}

/** Can this side of `=` be evaluated to a value once `bound` vars are bound? */
function evaluable(t: Term, bound: Set<string>): boolean {
  switch (t.t) {
    case "var":
      return GLOBALS.has(t.name) || bound.has(t.name);
    case "array":
      return t.items.every((x) => evaluable(x, bound));
    case "object":
      return t.items.every(([, v]) => evaluable(v, bound));
    default: {
      const needs = new Set<string>();
      valueVars(t, needs, new Set(), bound);
      for (const v of needs) if (!bound.has(v)) return false;
      return true;
    }
  }
}

export function reorderBody(
  body: Expr[],
  bound: Set<string>,
  headVars: Set<string>,
  ctx: Ctx,
  loc: Location,
): { body: Expr[]; bound: Set<string> } {
  const outer = new Set<string>([...bound, ...headVars]);
  for (const e of body) surfaceExprVars(e, outer);
  const infos = body.map((e) => exprInfo(e, outer, ctx));
  const done = new Array<boolean>(body.length).fill(false);
  const out: Expr[] = [];
  const b = new Set(bound);
  for (let placed = 0; placed < body.length; placed++) {
    let pick = -1;
    for (let i = 0; i < body.length; i++) {
      if (done[i]) continue;
      const inf = infos[i]!;
      let ok = true;
      for (const v of inf.needs) if (!b.has(v)) ok = false;
      if (ok && inf.unify && !evaluable(inf.unify.a, b) && !evaluable(inf.unify.b, b) && !sameShape(inf.unify.a, inf.unify.b))
        ok = false;
      if (ok) {
        pick = i;
        break;
      }
    }
    if (pick < 0) {
      // Report the first unsafe var of the first blocked expression, like OPA.
      for (let i = 0; i < body.length; i++) {
        if (done[i]) continue;
        const inf = infos[i]!;
        const missing = [...inf.needs].filter((v) => !b.has(v));
        const cand = missing.length ? missing : [...inf.outs].filter((v) => !b.has(v));
        const v = cand.sort()[0] ?? "?";
        throw new RegoError("rego_unsafe_var_error", `var ${displayVar(v)} is unsafe`, body[i]!.loc);
      }
    }
    done[pick] = true;
    const e = body[pick]!;
    out.push(reorderNested(e, b, ctx));
    for (const v of infos[pick]!.outs) b.add(v);
    if (e.kind.k === "some") for (const v of e.kind.vars) if (v.t === "var") void v;
  }
  void loc;
  return { body: out, bound: b };
}

function sameShape(a: Term, b: Term): boolean {
  return (a.t === "array" && b.t === "array" && a.items.length === b.items.length) || (a.t === "object" && b.t === "object");
}

/** Reorder the bodies of comprehensions and `every` nested in an expression, given what is bound around it. */
function reorderNested(e: Expr, bound: Set<string>, ctx: Ctx): Expr {
  const k = e.kind;
  const rt = (t: Term) => reorderTerm(t, bound, ctx);
  let kind: ExprKind;
  switch (k.k) {
    case "term":
      kind = { k: "term", term: rt(k.term) };
      break;
    case "unify":
    case "assign":
      kind = { k: k.k, a: rt(k.a), b: rt(k.b) };
      break;
    case "some":
      kind = k;
      break;
    case "somein":
      kind = { ...k, coll: rt(k.coll) };
      break;
    case "every": {
      const b = new Set(bound);
      if (k.key) allVars(k.key, b);
      allVars(k.val, b);
      const o = reorderBody(k.body, b, new Set(), ctx, e.loc);
      kind = { ...k, coll: rt(k.coll), body: o.body };
      break;
    }
  }
  return { ...e, kind, with: e.with.map((w) => ({ ...w, value: rt(w.value) })) };
}

export function reorderTerm(t: Term, bound: Set<string>, ctx: Ctx): Term {
  const r = (x: Term) => reorderTerm(x, bound, ctx);
  switch (t.t) {
    case "ref":
      return { ...t, head: r(t.head), path: t.path.map(r) };
    case "array":
    case "set":
      return { ...t, items: t.items.map(r) };
    case "object":
      return { ...t, items: t.items.map(([k, v]) => [r(k), r(v)] as [Term, Term]) };
    case "call":
      return { ...t, args: t.args.map(r) };
    case "acompr":
    case "scompr": {
      const hv = new Set<string>();
      surfaceVars(t.head, hv);
      const o = reorderBody(t.body, bound, hv, ctx, t.loc);
      checkHeadSafe([t.head], o.bound, t.loc, ctx);
      return { ...t, head: reorderTerm(t.head, o.bound, ctx), body: o.body };
    }
    case "ocompr": {
      const hv = new Set<string>();
      surfaceVars(t.key, hv);
      surfaceVars(t.value, hv);
      const o = reorderBody(t.body, bound, hv, ctx, t.loc);
      checkHeadSafe([t.key, t.value], o.bound, t.loc, ctx);
      return { ...t, key: reorderTerm(t.key, o.bound, ctx), value: reorderTerm(t.value, o.bound, ctx), body: o.body };
    }
    default:
      return t;
  }
}

