// OPA's strict-mode compile checks (opt-in): duplicate and unused imports, unused `:=` assignments and
// deprecated builtins.
import type { Expr, ModuleAst, Term } from "./ast.js";
import { RegoError } from "./errors.js";
import { refName } from "./parser.js";
import { allVars, exprVars } from "./vars.js";

const DEPRECATED = new Set([
  "any",
  "all",
  "re_match",
  "net.cidr_overlap",
  "set_diff",
  "cast_array",
  "cast_set",
  "cast_string",
  "cast_boolean",
  "cast_null",
  "cast_object",
]);

function walkTerms(t: Term, f: (t: Term) => void): void {
  f(t);
  switch (t.t) {
    case "ref":
      walkTerms(t.head, f);
      t.path.forEach((p) => walkTerms(p, f));
      return;
    case "array":
    case "set":
      t.items.forEach((x) => walkTerms(x, f));
      return;
    case "object":
      t.items.forEach(([k, v]) => (walkTerms(k, f), walkTerms(v, f)));
      return;
    case "call":
      t.args.forEach((x) => walkTerms(x, f));
      return;
    case "acompr":
    case "scompr":
      walkTerms(t.head, f);
      t.body.forEach((e) => walkExprTerms(e, f));
      return;
    case "ocompr":
      walkTerms(t.key, f);
      walkTerms(t.value, f);
      t.body.forEach((e) => walkExprTerms(e, f));
      return;
    default:
      return;
  }
}

function walkExprTerms(e: Expr, f: (t: Term) => void): void {
  const k = e.kind;
  switch (k.k) {
    case "term":
      walkTerms(k.term, f);
      break;
    case "unify":
    case "assign":
      walkTerms(k.a, f);
      walkTerms(k.b, f);
      break;
    case "some":
      k.vars.forEach((v) => walkTerms(v, f));
      break;
    case "somein":
      if (k.key) walkTerms(k.key, f);
      walkTerms(k.val, f);
      walkTerms(k.coll, f);
      break;
    case "every":
      if (k.key) walkTerms(k.key, f);
      walkTerms(k.val, f);
      walkTerms(k.coll, f);
      k.body.forEach((b) => walkExprTerms(b, f));
      break;
  }
  e.with.forEach((w) => (walkTerms(w.target, f), walkTerms(w.value, f)));
}

export function strictChecks(m: ModuleAst): RegoError[] {
  const errors: RegoError[] = [];
  // Imports: duplicates and unused aliases.
  const aliases = new Map<string, { loc: RegoError["location"]; text: string }>();
  for (const imp of m.imports) {
    const text = refName(imp.path) ?? "";
    if (text.startsWith("future.") || text === "rego.v1") continue;
    const alias = imp.alias ?? text.split(".").pop()!;
    if (aliases.has(alias)) errors.push(new RegoError("rego_compile_error", `import must not shadow import ${text}`, imp.loc));
    aliases.set(alias, { loc: imp.loc, text });
  }
  const used = new Set<string>();
  const note = (t: Term) => {
    if (t.t === "var") used.add(t.name);
    if (t.t === "call") used.add(t.name.split(".")[0]!);
  };
  for (const r of m.rules) {
    r.ref.forEach((t) => walkTerms(t, note));
    r.args?.forEach((t) => walkTerms(t, note));
    for (const t of [r.key, r.value]) if (t) walkTerms(t, note);
    r.body.forEach((e) => walkExprTerms(e, note));
    r.elses.forEach((e) => (e.value && walkTerms(e.value, note), e.body.forEach((x) => walkExprTerms(x, note))));
  }
  for (const [alias, info] of aliases)
    if (!used.has(alias)) errors.push(new RegoError("rego_compile_error", `import ${info.text} unused`, info.loc));
  for (const r of m.rules) {
    // Deprecated builtins.
    const calls = (t: Term) => {
      if (t.t === "call" && DEPRECATED.has(t.name))
        errors.push(new RegoError("rego_type_error", `deprecated built-in function calls in expression: ${t.name}`, t.loc));
    };
    r.body.forEach((e) => walkExprTerms(e, calls));
    for (const t of [r.key, r.value]) if (t) walkTerms(t, calls);
    // `:=` assignments whose var is never used again.
    const counts = new Map<string, number>();
    const count = (t: Term) => {
      if (t.t === "var") counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    };
    r.ref.forEach((t) => walkTerms(t, count));
    r.args?.forEach((t) => walkTerms(t, count));
    for (const t of [r.key, r.value]) if (t) walkTerms(t, count);
    r.body.forEach((e) => walkExprTerms(e, count));
    r.elses.forEach((e) => (e.value && walkTerms(e.value, count), e.body.forEach((x) => walkExprTerms(x, count))));
    for (const e of r.body) {
      if (e.kind.k !== "assign") continue;
      const vs = new Set<string>();
      allVars(e.kind.a, vs);
      for (const v of vs) if (v !== "_" && (counts.get(v) ?? 0) <= 1) errors.push(new RegoError("rego_compile_error", `assigned var ${v} unused`, e.loc));
    }
  }
  void exprVars;
  return errors;
}
