// Compiler: builds the rule tree from parsed modules, resolving names (scope.ts), ordering bodies for safety
// (safety.ts) and reporting OPA-style compile errors.
import { rewriteMetadataCalls } from "./metadata-calls.js";
import type { Expr, ModuleAst, RuleAst, Term } from "./ast.js";
import { RegoError, type Location } from "./errors.js";
import { CRule, RuleNode, pathText } from "./ruletree.js";
import { checkRecursion } from "./recursion.js";
import { isGround } from "./docops.js";
import { checkHeadSafe, reorderBody, reorderTerm } from "./safety.js";
import { declaredVars, enterScope, resolveBody, resolveTerm, type Ctx } from "./scope.js";
import { allVars, GLOBALS, surfaceExprVars, surfaceVars } from "./vars.js";
import type { Value } from "./value.js";

export { callArity } from "./typecheck.js";

export interface CompiledModules {
  root: RuleNode;
  rules: CRule[];
  modules: ModuleAst[];
  /** arity of user functions keyed by their path text ("data.a.b.f", `data.a["x.y"]`) */
  funcArity: Map<string, number>;
  /** path (without data) of user functions keyed by their path text */
  funcPaths: Map<string, Value[]>;
}

let ruleIds = 0;

export function compileAsts(modules: ModuleAst[]): { ok: true; compiled: CompiledModules } | { ok: false; errors: RegoError[] } {
  const root = new RuleNode([]);
  const errors: RegoError[] = [];
  const rootsByPkg = new Map<string, Set<string>>();
  const funcArity = new Map<string, number>();
  const funcPaths = new Map<string, Value[]>();
  for (const m of modules) {
    const pk = m.pkg.join("\u0000");
    let s = rootsByPkg.get(pk);
    if (!s) rootsByPkg.set(pk, (s = new Set()));
    for (const r of m.rules) {
      const head = r.ref[0]!;
      if (head.t === "var") s.add(head.name);
      if (r.args) {
        const p = groundPath(r);
        if (p) {
          const full = [...m.pkg, ...p.path];
          funcArity.set(pathText(full), r.args.length);
          funcPaths.set(pathText(full), full);
        }
      }
    }
    let pn = root;
    for (const p of m.pkg) pn = pn.ensure(p);
    pn.isPackage = true;
  }
  const rules: CRule[] = [];
  for (const m of modules) {
    const ctx: Ctx = {
      pkg: m.pkg,
      ruleRoots: rootsByPkg.get(m.pkg.join("\u0000"))!,
      imports: new Map(),
      fresh: { n: 0 },
      funcArity,
      errors,
      renames: new Map(),
      pending: new Set(),
      regoVersion: m.regoVersion,
    };
    for (const imp of m.imports) {
      const segs = imp.path.t === "ref" ? imp.path.path : [];
      const head = imp.path.t === "ref" ? imp.path.head : imp.path;
      if (head.t !== "var" || head.name === "future" || head.name === "rego") continue;
      const last = segs.length ? (segs[segs.length - 1] as { v: Value }).v : head.name;
      const alias = imp.alias ?? String(last);
      ctx.imports.set(alias, imp.path);
    }
    for (const r of m.rules) {
      try {
        const cr = compileRule(r, m, ctx);
        rules.push(cr);
        let n = root;
        for (const p of cr.path) n = n.ensure(p);
        if (cr.kind === "func") (cr.isDefault ? n.funcDefaults : n.funcs).push(cr);
        else (cr.isDefault ? n.defaults : n.rules).push(cr);
      } catch (e) {
        if (e instanceof RegoError) errors.push(e);
        else throw e;
      }
    }
  }
  checkConflicts(root, errors);
  if (!errors.length) errors.push(...checkRecursion(root, rules, funcPaths));
  if (errors.length) return { ok: false, errors };
  return { ok: true, compiled: { root, rules, modules, funcArity, funcPaths } };
}

function checkConflicts(n: RuleNode, errors: RegoError[]): void {
  const all = [...n.rules, ...n.defaults];
  if (all.length) {
    const kinds = new Set(all.map((r) => r.kind + (r.suffix.length ? "obj" : "")));
    if (kinds.size > 1 || (n.isFunc && all.length)) {
      errors.push(new RegoError("rego_type_error", `conflicting rules ${pathText(n.path)} found`, all[0]!.loc));
    }
    if (n.defaults.length > 1)
      errors.push(new RegoError("rego_type_error", `multiple default rules ${pathText(n.path)} found`, n.defaults[1]!.loc));
  }
  if (n.funcDefaults.length > 1)
    errors.push(new RegoError("rego_type_error", `multiple default rules ${pathText(n.path)} found`, n.funcDefaults[1]!.loc));
  const arities = new Set([...n.funcs, ...n.funcDefaults].map((f) => f.args!.length));
  if (arities.size > 1)
    errors.push(new RegoError("rego_type_error", `conflicting rules ${pathText(n.path)} found`, n.funcs[0]?.loc));
  for (const c of n.children.values()) checkConflicts(c.node, errors);
}

function groundPath(r: RuleAst): { path: Value[]; suffix: Term[] } | undefined {
  const head = r.ref[0]!;
  if (head.t !== "var") return undefined;
  const path: Value[] = [head.name];
  let i = 1;
  for (; i < r.ref.length; i++) {
    const t = r.ref[i]!;
    if (t.t !== "scalar") break;
    path.push(t.v);
  }
  return { path, suffix: r.ref.slice(i) };
}

/** OPA's checks on `:=`: a var cannot be assigned twice, nor assigned after being referenced. */
function checkAssignments(body: Expr[], declared: Set<string>, v1: boolean): void {
  const seen = new Set<string>();
  const declare = (t: Term, loc: Location) => {
    const vs = new Set<string>();
    allVars(t, vs);
    for (const v of vs) {
      if (v === "_") continue;
      if (v1 && GLOBALS.has(v)) throw new RegoError("rego_compile_error", `variables must not shadow ${v} (${v} cannot be shadowed)`, loc);
      if (declared.has(v)) throw new RegoError("rego_compile_error", `var ${v} assigned above`, loc);
      if (seen.has(v)) throw new RegoError("rego_compile_error", `var ${v} referenced above`, loc);
      declared.add(v);
    }
  };
  for (const e of body) {
    const k = e.kind;
    if (k.k === "assign") {
      if (k.a.t !== "var" && k.a.t !== "array" && k.a.t !== "object")
        throw new RegoError("rego_compile_error", `cannot assign to ${k.a.t} (assignment operator := requires left-hand side to have bindable variables)`, e.loc);
      surfaceVars(k.b, seen);
      declare(k.a, e.loc);
    } else if (k.k === "somein") {
      surfaceVars(k.coll, seen);
      if (k.key) declare(k.key, e.loc);
      declare(k.val, e.loc);
    } else if (k.k === "some") {
      for (const v of k.vars) declare(v, e.loc);
    } else surfaceExprVars(e, seen);
  }
}

function compileRule(r0: RuleAst, m: ModuleAst, ctx: Ctx): CRule {
  const r = rewriteMetadataCalls(r0, m);
  const head0 = r.ref[0]!;
  if (m.regoVersion === 1 && head0.t === "var" && (head0.name === "data" || head0.name === "input"))
    throw new RegoError("rego_compile_error", `rules must not shadow ${head0.name} (${head0.name} cannot be shadowed)`, r.loc);
  {
    const argv = new Set<string>();
    if (r.args) for (const a of r.args) allVars(a, argv);
    checkAssignments(r.body, argv, m.regoVersion === 1);
  }
  const gp = groundPath(r);
  if (!gp) throw new RegoError("rego_parse_error", "invalid rule head", r.loc);
  let kind: CRule["kind"] = r.args ? "func" : r.key ? "set" : "complete";
  let suffix = gp.suffix;
  let path = gp.path;
  if (kind === "func" && suffix.length) throw new RegoError("rego_type_error", "function name must be a ground ref", r.loc);
  // Declared scope: function args and vars declared in the body.
  const argVars0 = new Set<string>();
  if (r.args) for (const a of r.args) allVars(a, argVars0);
  const res = (t: Term, sc: Set<string>) => resolveTerm(t, sc, ctx);
  const bodyDecls = new Set([...argVars0, ...declaredVars(r.body)]);
  const { args, body, keyT, valueT } = enterScope(
    new Set(),
    bodyDecls,
    ctx,
    (scope) => {
      const out = {
        args: r.args?.map((a) => res(a, scope)),
        body: resolveBody(r.body, scope, ctx),
        keyT: r.key ? res(r.key, scope) : undefined,
        valueT: r.value ? res(r.value, scope) : undefined,
      };
      suffix = suffix.map((t) => res(t, scope));
      return out;
    },
    undefined,
    false,
  );
  const argVars = new Set<string>();
  if (args) for (const a of args) allVars(a, argVars);
  const elses = r.elses.map((e) =>
    enterScope(
      new Set(),
      new Set([...argVars0, ...declaredVars(e.body)]),
      ctx,
      (sc) => ({ value: e.value ? res(e.value, sc) : undefined, body: resolveBody(e.body, sc, ctx), loc: e.loc }),
      undefined,
      false,
    ),
  );
  // Safety: head vars must be bound by the body (or be function args).
  const bound = new Set<string>(argVars);
  const headTerms: Term[] = [...suffix];
  if (keyT) headTerms.push(keyT);
  if (valueT) headTerms.push(valueT);
  if (r.isDefault) {
    // Default values are constants: no vars, refs or calls outside comprehensions.
    const vs = new Set<string>();
    for (const t of headTerms) surfaceVars(t, vs);
    for (const v of vs) if (!v.startsWith("$_"))
      throw new RegoError("rego_type_error", `default rule value cannot contain ${GLOBALS.has(v) ? "ref" : "var"} ${v}`, r.loc);
    for (const t of headTerms) if (hasSurface(t, (x) => x.t === "call" || x.t === "ref"))
      throw new RegoError("rego_type_error", "default rule value cannot contain calls or refs (invalid `ref` in default value)", r.loc);
    if (r.args) kind = "func";
  }
  const headVars = new Set<string>();
  for (const t of headTerms) surfaceVars(t, headVars);
  const ordered = reorderBody(body, bound, headVars, ctx, r.loc);
  checkHeadSafe(headTerms, ordered.bound, r.loc, ctx);
  // Comprehensions in the head are ordered with what the body binds.
  const rh = (t: Term | undefined) => (t ? reorderTerm(t, ordered.bound, ctx) : undefined);
  suffix = suffix.map((t) => rh(t)!);
  const keyR = rh(keyT);
  const valueR = rh(valueT);
  const cElses = elses.map((e) => {
    const ev = new Set<string>();
    if (e.value) surfaceVars(e.value, ev);
    const o = reorderBody(e.body, new Set(argVars), ev, ctx, e.loc);
    if (e.value) checkHeadSafe([e.value], o.bound, e.loc, ctx);
    return { value: e.value ? reorderTerm(e.value, o.bound, ctx) : undefined, body: o.body, loc: e.loc };
  });
  const trueTerm: Term = { t: "scalar", v: true, loc: r.loc };
  return {
    id: ruleIds++,
    pkg: m.pkg,
    path: [...m.pkg, ...path],
    suffix,
    kind,
    isDefault: r.isDefault,
    args,
    key: keyR,
    value: valueR,
    body: ordered.body,
    elses: cElses,
    loc: r.loc,
    annotations: r.annotations,
    name: String(path[0]),
    constant: isGround(valueR) && cElses.every((e) => isGround(e.value)),
    clauses: [{ value: valueR, body: ordered.body, loc: r.loc, trueTerm }, ...cElses.map((e) => ({ ...e, trueTerm }))],
  };
}

function hasSurface(t: Term, pred: (t: Term) => boolean): boolean {
  if (pred(t)) return true;
  switch (t.t) {
    case "ref":
      return hasSurface(t.head, pred) || t.path.some((p) => hasSurface(p, pred));
    case "array":
    case "set":
      return t.items.some((x) => hasSurface(x, pred));
    case "object":
      return t.items.some(([k, v]) => hasSurface(k, pred) || hasSurface(v, pred));
    case "call":
      return t.args.some((x) => hasSurface(x, pred));
    default:
      return false;
  }
}

/** Compile a query body against compiled modules (no package: unknown vars are query vars). */
export function compileQueryBody(body: Expr[], compiled: CompiledModules): Expr[] {
  const ctx: Ctx = {
    pkg: [],
    ruleRoots: new Set(),
    imports: new Map(),
    fresh: { n: 0 },
    funcArity: compiled.funcArity,
    errors: [],
    renames: new Map(),
      pending: new Set(),
  };
  const resolved = enterScope(new Set(), declaredVars(body), ctx, (scope) => resolveBody(body, scope, ctx), undefined, false);
  return reorderBody(resolved, new Set(), new Set(), ctx, resolved[0]?.loc ?? { file: "query", row: 1, col: 1 }).body;
}
