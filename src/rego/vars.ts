// Variable analysis helpers shared by the compiler passes: which vars a term needs bound, which it can bind.
import type { Expr, Term } from "./ast.js";

export const GLOBALS = new Set(["input", "data"]);

/** All var names occurring in a term, not descending into comprehension bodies' locals. */
export function allVars(t: Term, out: Set<string>): void {
  switch (t.t) {
    case "var":
      out.add(t.name);
      return;
    case "ref":
      allVars(t.head, out);
      for (const p of t.path) allVars(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) allVars(x, out);
      return;
    case "object":
      for (const [k, v] of t.items) {
        allVars(k, out);
        allVars(v, out);
      }
      return;
    case "call":
      for (const a of t.args) allVars(a, out);
      return;
    case "acompr":
    case "scompr":
      allVars(t.head, out);
      for (const e of t.body) exprVars(e, out);
      return;
    case "ocompr":
      allVars(t.key, out);
      allVars(t.value, out);
      for (const e of t.body) exprVars(e, out);
      return;
  }
}

export function exprVars(e: Expr, out: Set<string>): void {
  const k = e.kind;
  switch (k.k) {
    case "term":
      allVars(k.term, out);
      break;
    case "unify":
    case "assign":
      allVars(k.a, out);
      allVars(k.b, out);
      break;
    case "some":
      for (const v of k.vars) allVars(v, out);
      break;
    case "somein":
      if (k.key) allVars(k.key, out);
      allVars(k.val, out);
      allVars(k.coll, out);
      break;
    case "every":
      if (k.key) allVars(k.key, out);
      allVars(k.val, out);
      allVars(k.coll, out);
      for (const b of k.body) exprVars(b, out);
      break;
  }
  for (const w of e.with) allVars(w.value, out);
}

/** Vars at the top of a term (not inside comprehension bodies). */
export function surfaceVars(t: Term, out: Set<string>): void {
  switch (t.t) {
    case "var":
      out.add(t.name);
      return;
    case "ref":
      surfaceVars(t.head, out);
      for (const p of t.path) surfaceVars(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) surfaceVars(x, out);
      return;
    case "object":
      for (const [k, v] of t.items) {
        surfaceVars(k, out);
        surfaceVars(v, out);
      }
      return;
    case "call":
      for (const a of t.args) surfaceVars(a, out);
      return;
    default:
      return;
  }
}

export function surfaceExprVars(e: Expr, out: Set<string>): void {
  const k = e.kind;
  switch (k.k) {
    case "term":
      surfaceVars(k.term, out);
      break;
    case "unify":
    case "assign":
      surfaceVars(k.a, out);
      surfaceVars(k.b, out);
      break;
    case "some":
      break;
    case "somein":
      if (k.key) surfaceVars(k.key, out);
      surfaceVars(k.val, out);
      surfaceVars(k.coll, out);
      break;
    case "every":
      surfaceVars(k.coll, out);
      break;
  }
  for (const w of e.with) surfaceVars(w.value, out);
}

/**
 * Needs/outputs of a term in value position: bare vars and ref heads must be bound beforehand; vars used as
 * ref keys can be bound by iterating the ref. Comprehensions need the outer vars they mention.
 */
export function valueVars(t: Term, needs: Set<string>, outs: Set<string>, outer: Set<string>): void {
  switch (t.t) {
    case "scalar":
      return;
    case "var":
      if (!GLOBALS.has(t.name)) needs.add(t.name);
      return;
    case "ref":
      valueVars(t.head, needs, outs, outer);
      for (const p of t.path) {
        if (p.t === "var") outs.add(p.name);
        else patternVars(p, needs, outs, outer);
      }
      return;
    case "array":
    case "set":
      for (const x of t.items) valueVars(x, needs, outs, outer);
      return;
    case "object":
      for (const [k, v] of t.items) {
        valueVars(k, needs, outs, outer);
        valueVars(v, needs, outs, outer);
      }
      return;
    case "call":
      for (const a of t.args) valueVars(a, needs, outs, outer);
      return;
    default: {
      const inner = new Set<string>();
      allVars(t, inner);
      for (const v of inner) if (outer.has(v) && !GLOBALS.has(v)) needs.add(v);
    }
  }
}

/** Needs/outputs of a term on a side of `=`: bare vars and composite elements can be bound by unification. */
export function patternVars(t: Term, needs: Set<string>, outs: Set<string>, outer: Set<string>): void {
  switch (t.t) {
    case "var":
      if (!GLOBALS.has(t.name)) outs.add(t.name);
      return;
    case "array":
      for (const x of t.items) patternVars(x, needs, outs, outer);
      return;
    case "object":
      for (const [k, v] of t.items) {
        valueVars(k, needs, outs, outer);
        patternVars(v, needs, outs, outer);
      }
      return;
    default:
      valueVars(t, needs, outs, outer);
  }
}
