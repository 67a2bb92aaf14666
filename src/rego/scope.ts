// Name resolution: vars become locals (renamed when they shadow), rule refs (`data.pkg.r`), import targets,
// or builtin/user function names; `:=`/`some` declarations scope them.
import type { Expr, ExprKind, Term } from "./ast.js";
import type { Location, RegoError } from "./errors.js";
import { pathText } from "./ruletree.js";
import { checkCall, checkLiteralArgs, checkMatch } from "./typecheck.js";
import { allVars, GLOBALS } from "./vars.js";
import type { Value } from "./value.js";

export interface Ctx {
  pkg: Value[];
  ruleRoots: Set<string>;
  imports: Map<string, Term>;
  fresh: { n: number };
  funcArity: Map<string, number>;
  errors: RegoError[];
  /** Source var name → name used after resolution, for vars that shadow an outer var (or input/data). */
  renames: Map<string, string>;
  /** Vars `:=`-declared later in an enclosing body: inside an earlier comprehension they are its own locals. */
  pending: Set<string>;
  /** The call term allowed an extra output argument (`count(x, n)` as an expression). */
  outputCall?: Term;
  /** Syntax version of the module being compiled: v0 modules may call OPA's deprecated builtins. */
  regoVersion?: 0 | 1;
}

/**
 * Resolve inside a nested scope declaring `decls`. A declaration shadowing an outer var (or `input`/`data`)
 * gets a fresh name, so the evaluator never confuses the two.
 */
export function enterScope<T>(
  outer: Set<string>,
  decls: Set<string>,
  ctx: Ctx,
  fn: (sc: Set<string>) => T,
  forced?: Set<string>,
  nested = true,
): T {
  const saved: [string, string | undefined][] = [];
  const sc = new Set(outer);
  for (const v of decls) {
    if (v === "_") continue;
    saved.push([v, ctx.renames.get(v)]);
    // Declarations in nested bodies (comprehensions, every) always get fresh names: they are new locals.
    if (nested || outer.has(v) || GLOBALS.has(v) || forced?.has(v)) ctx.renames.set(v, `${v}$${ctx.fresh.n++}`);
    else ctx.renames.delete(v);
    sc.add(v);
  }
  try {
    return fn(sc);
  } finally {
    for (const [v, old] of saved.reverse()) {
      if (old === undefined) ctx.renames.delete(v);
      else ctx.renames.set(v, old);
    }
  }
}


/** Vars declared in a body with `:=`, `some` or `some … in` (not looking into nested bodies). */
export function declaredVars(body: Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of body) {
    const k = e.kind;
    if (k.k === "assign") allVars(k.a, out);
    else if (k.k === "some") for (const v of k.vars) allVars(v, out);
    else if (k.k === "somein") {
      if (k.key) allVars(k.key, out);
      allVars(k.val, out);
    }
  }
  return out;
}

export function resolveBody(body: Expr[], scope: Set<string>, ctx: Ctx): Expr[] {
  const later = declaredVars(body);
  const saved = ctx.pending;
  try {
    return body.map((e) => {
      ctx.pending = new Set([...saved, ...later]);
      const r = resolveExpr(e, scope, ctx);
      for (const v of declaredVars([e])) later.delete(v);
      return r;
    });
  } finally {
    ctx.pending = saved;
  }
}

/** Vars of a comprehension that are declared only later in the enclosing body: they are the comprehension's own. */
function comprLocals(t: Term, ctx: Ctx): Set<string> {
  const vs = new Set<string>();
  allVars(t, vs);
  const out = new Set<string>();
  for (const v of vs) if (ctx.pending.has(v) && !ctx.renames.has(v)) out.add(v);
  return out;
}

function resolveExpr(e: Expr, scope: Set<string>, ctx: Ctx): Expr {
  const r = (t: Term) => resolveTerm(t, scope, ctx);
  const k = e.kind;
  let kind: ExprKind;
  switch (k.k) {
    case "term":
      ctx.outputCall = k.term;
      kind = { k: "term", term: r(k.term) };
      break;
    case "unify":
      checkMatch(k.a, k.b, e.loc);
      kind = { k: "unify", a: r(k.a), b: r(k.b) };
      break;
    case "assign":
      checkMatch(k.a, k.b, e.loc);
      kind = { k: "assign", a: r(k.a), b: r(k.b) };
      break;
    case "some":
      kind = { k: "some", vars: k.vars.map(r) };
      break;
    case "somein":
      kind = { k: "somein", key: k.key && r(k.key), val: r(k.val), coll: r(k.coll) };
      break;
    case "every": {
      const decls = new Set<string>();
      if (k.key) allVars(k.key, decls);
      allVars(k.val, decls);
      for (const v of declaredVars(k.body)) decls.add(v);
      const coll = r(k.coll);
      kind = enterScope(scope, decls, ctx, (sc) => ({
        k: "every",
        key: k.key && resolveTerm(k.key, sc, ctx),
        val: resolveTerm(k.val, sc, ctx),
        coll,
        body: resolveBody(k.body, sc, ctx),
      }));
      break;
    }
  }
  const withs = e.with.map((w) => ({ target: resolveWithTarget(w.target, ctx), value: r(w.value), loc: w.loc }));
  return { kind, negated: e.negated, with: withs, loc: e.loc };
}

function resolveWithTarget(t: Term, ctx: Ctx): Term {
  const head = t.t === "ref" ? t.head : t;
  if (head.t === "var" && (head.name === "input" || head.name === "data")) return t;
  // A function (user or builtin) being mocked.
  return resolveTerm(t, new Set(), ctx);
}

function dataRef(path: Value[], loc: Location): Term {
  return { t: "ref", head: { t: "var", name: "data", loc }, path: path.map((v) => ({ t: "scalar", v, loc })), loc };
}

export function resolveTerm(t: Term, scope: Set<string>, ctx: Ctx): Term {
  const r = (x: Term) => resolveTerm(x, scope, ctx);
  switch (t.t) {
    case "scalar":
      return t;
    case "var": {
      if (t.name === "_") return { t: "var", name: `$_${ctx.fresh.n++}`, loc: t.loc };
      const rn = ctx.renames.get(t.name);
      if (rn !== undefined) return { t: "var", name: rn, loc: t.loc };
      if (scope.has(t.name) || GLOBALS.has(t.name)) return t;
      // As in OPA, an import alias takes precedence over a rule of the same name.
      const imp = ctx.imports.get(t.name);
      if (imp) return { ...imp, loc: t.loc };
      if (ctx.ruleRoots.has(t.name)) return dataRef([...ctx.pkg, t.name], t.loc);
      return t;
    }
    case "ref": {
      const head = r(t.head);
      const path = t.path.map(r);
      if (head.t === "ref") return { t: "ref", head: head.head, path: [...head.path, ...path], loc: t.loc };
      return { t: "ref", head, path, loc: t.loc };
    }
    case "array":
      return { t: "array", items: t.items.map(r), loc: t.loc };
    case "set":
      return { t: "set", items: t.items.map(r), loc: t.loc };
    case "object":
      return { t: "object", items: t.items.map(([k, v]) => [r(k), r(v)] as [Term, Term]), loc: t.loc };
    case "acompr":
    case "scompr": {
      const forced = comprLocals(t, ctx);
      return enterScope(scope, new Set([...declaredVars(t.body), ...forced]), ctx, (sc) => {
        const body = resolveBody(t.body, sc, ctx);
        return { t: t.t, head: resolveTerm(t.head, sc, ctx), body, loc: t.loc } as Term;
      }, forced);
    }
    case "ocompr": {
      const forced = comprLocals(t, ctx);
      return enterScope(scope, new Set([...declaredVars(t.body), ...forced]), ctx, (sc) => {
        const body = resolveBody(t.body, sc, ctx);
        return { t: "ocompr", key: resolveTerm(t.key, sc, ctx), value: resolveTerm(t.value, sc, ctx), body, loc: t.loc };
      }, forced);
    }
    case "call": {
      const allowOut = ctx.outputCall === t;
      ctx.outputCall = undefined;
      const args = t.args.map(r);
      const name = resolveFuncName(t.name, t.fn, ctx);
      checkCall(name, args.length, t.loc, ctx, allowOut);
      checkLiteralArgs(name, args, t.loc);
      return { t: "call", name, fn: t.fn, args, loc: t.loc };
    }
  }
}

/** Segments of a callee as written: `a.b["c.d"]` → ["a", "b", "c.d"]. */
function calleeSegments(fn: Term): Value[] | undefined {
  if (fn.t === "var") return [fn.name];
  if (fn.t === "ref" && fn.head.t === "var" && fn.path.every((p) => p.t === "scalar"))
    return [fn.head.name, ...fn.path.map((p) => (p as { v: Value }).v)];
  return undefined;
}

/** Builtins keep their dotted name; user functions are named by their path text (`data.pkg.f`). */
function resolveFuncName(name: string, fn: Term, ctx: Ctx): string {
  // Operators are never user functions.
  if (fn.t === "var" && OPERATOR_NAMES.has(name) && fn.name === name) return name;
  const segs = calleeSegments(fn);
  if (!segs) return name;
  const first = String(segs[0]);
  if (first === "data") return pathText(segs.slice(1));
  const imp = ctx.imports.get(first);
  if (imp) {
    const base = calleeSegments(imp);
    if (base && base[0] === "data") return pathText([...base.slice(1), ...segs.slice(1)]);
    if (base) return [...base, ...segs.slice(1)].join(".");
  }
  if (ctx.ruleRoots.has(first)) return pathText([...ctx.pkg, ...segs]);
  return name;
}

const OPERATOR_NAMES = new Set(["plus", "minus", "mul", "div", "rem", "equal", "neq", "lt", "lte", "gt", "gte", "and", "or"]);

