// `rego.metadata.rule()` and `rego.metadata.chain()`: like OPA's compiler, replaced by constants built from
// the rule's and the package's `# METADATA` blocks before the rule is compiled.
import type { Annotations, Expr, ModuleAst, RuleAst, Term } from "./ast.js";
import { fromJSON, type Value } from "./value.js";

function annotationValue(a: Annotations): Value {
  const { location: _location, ...rest } = a;
  return fromJSON(rest);
}

function mapTerm(t: Term, f: (t: Term) => Term | undefined): Term {
  const r = f(t);
  if (r) return r;
  const m = (x: Term) => mapTerm(x, f);
  const mb = (b: Expr[]) => b.map((e) => mapExpr(e, f));
  switch (t.t) {
    case "ref":
      return { ...t, head: m(t.head), path: t.path.map(m) };
    case "array":
    case "set":
      return { ...t, items: t.items.map(m) };
    case "object":
      return { ...t, items: t.items.map(([a, b]) => [m(a), m(b)] as [Term, Term]) };
    case "acompr":
    case "scompr":
      return { ...t, head: m(t.head), body: mb(t.body) };
    case "ocompr":
      return { ...t, key: m(t.key), value: m(t.value), body: mb(t.body) };
    case "call":
      return { ...t, args: t.args.map(m) };
    default:
      return t;
  }
}

function mapExpr(e: Expr, f: (t: Term) => Term | undefined): Expr {
  const m = (x: Term) => mapTerm(x, f);
  const k = e.kind;
  let kind = k;
  if (k.k === "term") kind = { k: "term", term: m(k.term) };
  else if (k.k === "unify" || k.k === "assign") kind = { k: k.k, a: m(k.a), b: m(k.b) };
  else if (k.k === "somein") kind = { ...k, val: m(k.val), coll: m(k.coll), ...(k.key ? { key: m(k.key) } : {}) };
  else if (k.k === "every") kind = { ...k, coll: m(k.coll), body: k.body.map((x) => mapExpr(x, f)) };
  return { ...e, kind, with: e.with.map((w) => ({ ...w, value: m(w.value) })) };
}

/** The rule with its `rego.metadata.*()` calls replaced by their values. */
export function rewriteMetadataCalls(r: RuleAst, m: ModuleAst): RuleAst {
  const path: Value[] = [...m.pkg];
  for (const t of r.ref) {
    if (t.t === "var") path.push(t.name);
    else if (t.t === "scalar") path.push(t.v);
    else break;
  }
  const ruleAnn = r.annotations.find((a) => a.scope !== "package" && a.scope !== "subpackages");
  const f = (t: Term): Term | undefined => {
    if (t.t !== "call" || t.args.length) return undefined;
    if (t.name === "rego.metadata.rule") return { t: "scalar", v: ruleAnn ? annotationValue(ruleAnn) : fromJSON({}), loc: t.loc };
    if (t.name !== "rego.metadata.chain") return undefined;
    const chain: Value[] = [fromJSON({ path: path.map(String), ...(ruleAnn ? { annotations: annotationValue(ruleAnn) } : {}) })];
    for (const a of m.annotations) chain.push(fromJSON({ path: m.pkg.map(String), annotations: annotationValue(a) }));
    return { t: "scalar", v: chain, loc: t.loc };
  };
  const has = JSON.stringify(r.body, (_k, v) => (typeof v === "bigint" ? String(v) : v)).includes('"rego.metadata.');
  if (!has && !(r.value && JSON.stringify(r.value, (_k, v) => (typeof v === "bigint" ? String(v) : v)).includes('"rego.metadata.'))) return r;
  return {
    ...r,
    body: r.body.map((e) => mapExpr(e, f)),
    ...(r.value ? { value: mapTerm(r.value, f) } : {}),
    ...(r.key ? { key: mapTerm(r.key, f) } : {}),
  };
}
