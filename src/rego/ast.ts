// The Rego abstract syntax tree produced by the parser and rewritten by the compiler.
import type { Location } from "./errors.js";
import type { Value } from "./value.js";

export type Term =
  | { t: "scalar"; v: Value; loc: Location }
  | { t: "var"; name: string; loc: Location }
  | { t: "ref"; head: Term; path: Term[]; loc: Location }
  | { t: "array"; items: Term[]; loc: Location }
  | { t: "set"; items: Term[]; loc: Location }
  | { t: "object"; items: [Term, Term][]; loc: Location }
  | { t: "acompr"; head: Term; body: Expr[]; loc: Location }
  | { t: "scompr"; head: Term; body: Expr[]; loc: Location }
  | { t: "ocompr"; key: Term; value: Term; body: Expr[]; loc: Location }
  /** `name` is the dotted callee as written (e.g. "count", "data.lib.f", "plus" for `+`). */
  | { t: "call"; name: string; fn: Term; args: Term[]; loc: Location };

export interface With {
  target: Term; // ref or var: input…, data…, or a function name
  value: Term;
  loc: Location;
}

export type ExprKind =
  | { k: "term"; term: Term }
  | { k: "unify"; a: Term; b: Term }
  | { k: "assign"; a: Term; b: Term }
  | { k: "some"; vars: Term[] }
  | { k: "somein"; key?: Term; val: Term; coll: Term }
  | { k: "every"; key?: Term; val: Term; coll: Term; body: Expr[] };

export interface Expr {
  kind: ExprKind;
  negated: boolean;
  with: With[];
  loc: Location;
}

export interface ElseClause {
  value?: Term;
  body: Expr[];
  loc: Location;
}

export interface Annotations {
  scope?: string;
  title?: string;
  description?: string;
  custom?: Record<string, unknown>;
  related_resources?: unknown[];
  authors?: unknown[];
  organizations?: unknown[];
  schemas?: unknown[];
  entrypoint?: boolean;
  location: Location;
  [k: string]: unknown;
}

export interface RuleAst {
  isDefault: boolean;
  /** Head reference: first element is the rule name var, the rest are path terms (`a.b[x]`). */
  ref: Term[];
  args?: Term[]; // functions only
  /** `contains` member (partial set) */
  key?: Term;
  value?: Term;
  assign: boolean; // `:=` (true) vs `=`
  body: Expr[];
  elses: ElseClause[];
  loc: Location;
  annotations: Annotations[];
}

export interface ImportAst {
  path: Term; // ref
  alias?: string;
  loc: Location;
}

export interface ModuleAst {
  file: string;
  pkg: Value[]; // package path without "data"
  pkgLoc: Location;
  imports: ImportAst[];
  rules: RuleAst[];
  regoVersion: 0 | 1;
  annotations: Annotations[]; // package- and subpackages-scoped annotations
}
