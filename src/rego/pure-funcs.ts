// Functions whose result depends on their arguments alone, and their results shared by every evaluation of
// a program. A policy stage evaluates the program once per workload; helper functions such as
// `secret_name(name)` or `quantity("cpu", q)` see the same arguments workload after workload, and computing
// them again (regex matches, unit parsing) was a large part of each evaluation.
import type { Expr, Term } from "./ast.js";
import { builtins } from "./builtins/index.js";
import { lookupBuiltin } from "./registry.js";
import type { RuleNode } from "./ruletree.js";
import type { Value } from "./value.js";

/**
 * Builtins whose result is a function of their arguments: no clock, randomness, network, files, output or
 * evaluation state. Anything not listed (and any builtin registered from outside) makes a function impure.
 */
const PURE_BUILTINS = new Set([
  "equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem", "and", "or",
  "internal.member_2", "internal.member_3",
  "count", "sum", "product", "max", "min", "sort", "all", "any", "abs", "round", "ceil", "floor",
  "numbers.range", "numbers.range_step", "bits.or", "bits.and", "bits.xor", "bits.negate", "bits.lsh", "bits.rsh",
  "array.concat", "array.slice", "array.reverse", "array.flatten", "intersection", "union",
  "object.get", "object.union", "object.union_n", "object.remove", "object.filter", "object.keys", "object.subset",
  "json.filter", "json.remove", "json.marshal", "json.unmarshal", "json.is_valid",
  "base64.encode", "base64.decode", "base64.is_valid", "base64url.encode", "base64url.encode_no_pad", "base64url.decode",
  "hex.encode", "hex.decode", "urlquery.encode", "urlquery.decode",
  "glob.match", "glob.quote_meta", "regex.match", "regex.is_valid", "regex.find_n", "regex.split", "regex.replace",
  "regex.find_all_string_submatch_n", "regex.template_match", "regex.globs_match",
  "semver.is_valid", "semver.compare", "net.cidr_contains", "net.cidr_intersects", "net.cidr_is_valid",
  "sprintf", "concat", "contains", "startswith", "endswith", "format_int", "indexof", "indexof_n", "lower", "upper",
  "replace", "split", "strings.split_n", "substring", "trim", "trim_left", "trim_right", "trim_prefix", "trim_suffix",
  "trim_space", "strings.replace_n", "strings.reverse", "strings.any_prefix_match", "strings.any_suffix_match", "strings.count",
  "type_name", "to_number", "units.parse", "units.parse_bytes",
  "is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null",
]);

/** A shared result: what computing it cost, charged again to each evaluation that uses it (budgets hold). */
export interface SharedResult {
  value: Value | undefined;
  steps: number;
  built: number;
  /** How many levels of rule/function nesting computing it took, counting the function itself. */
  depth: number;
}

/** Bounds the memory a program's shared results can hold. */
const MAX_ENTRIES = 4096;
const MAX_KEY = 512;

export class SharedMemo {
  private readonly byString = new Map<string, SharedResult>();
  private readonly byKey = new Map<string, SharedResult>();

  /**
   * The table key of scalar arguments, from the evaluation memo's key `ck` (the string argument itself, or
   * the canonical key of the list); undefined when the call is not shared (an object argument, a long key).
   */
  static keyOf(args: Value[], ck: string): string | undefined {
    if (ck.length > MAX_KEY) return undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a !== null && typeof a === "object") return undefined;
    }
    return ck;
  }

  get(args: Value[], k: string): SharedResult | undefined {
    return (args.length === 1 && typeof args[0] === "string" ? this.byString : this.byKey).get(k);
  }

  set(args: Value[], k: string, r: SharedResult): void {
    // Only scalars (and short strings) are kept: an argument-determined but large value stays per evaluation.
    const v = r.value;
    if (v !== undefined && v !== null && (typeof v === "object" || (typeof v === "string" && v.length > MAX_KEY))) return;
    const table = args.length === 1 && typeof args[0] === "string" ? this.byString : this.byKey;
    if (table.size >= MAX_ENTRIES) table.clear();
    table.set(k, r);
  }
}

/** Pure: no `input`, no `data` reads, no `with`, and only pure builtins and pure functions called. */
export function isPureFunc(node: RuleNode, funcNode: (name: string) => RuleNode | undefined, active = new Set<number>()): boolean {
  // Recursion is a compile error; `active` only keeps this walk finite whatever it is given.
  if (active.has(node.id)) return false;
  active.add(node.id);
  try {
    return clausesPure(node, funcNode, active);
  } finally {
    active.delete(node.id);
  }
}

function clausesPure(node: RuleNode, funcNode: (name: string) => RuleNode | undefined, active: Set<number>): boolean {
  const term = (t: Term): boolean => {
    switch (t.t) {
      case "scalar":
        return true;
      case "var":
        return t.name !== "input" && t.name !== "data";
      case "ref":
        return term(t.head) && t.path.every(term);
      case "array":
      case "set":
        return t.items.every(term);
      case "object":
        return t.items.every(([a, b]) => term(a) && term(b));
      case "acompr":
      case "scompr":
        return term(t.head) && body(t.body);
      case "ocompr":
        return term(t.key) && term(t.value) && body(t.body);
      case "call": {
        if (!t.args.every(term)) return false;
        if (t.name.startsWith("data.")) {
          const n = funcNode(t.name);
          return n !== undefined && n.isFunc && isPureFunc(n, funcNode, active);
        }
        return PURE_BUILTINS.has(t.name) && (SPECIAL.has(t.name) || lookupBuiltin(t.name) === builtins.get(t.name));
      }
    }
  };
  const expr = (e: Expr): boolean => {
    if (e.with.length) return false;
    const k = e.kind;
    switch (k.k) {
      case "term":
        return term(k.term);
      case "unify":
      case "assign":
        return term(k.a) && term(k.b);
      case "some":
        return k.vars.every(term);
      case "somein":
        return (!k.key || term(k.key)) && term(k.val) && term(k.coll);
      case "every":
        return (!k.key || term(k.key)) && term(k.val) && term(k.coll) && body(k.body);
    }
  };
  const body = (b: Expr[]): boolean => b.every(expr);
  for (const r of [...node.funcs, ...node.funcDefaults]) {
    if (!(r.args ?? []).every(term) || !body(r.body) || (r.value && !term(r.value))) return false;
    for (const e of r.elses) if (!body(e.body) || (e.value && !term(e.value))) return false;
  }
  return true;
}

/** Evaluated by the evaluator itself, never in the registry. */
const SPECIAL = new Set(["equal", "neq", "internal.member_2", "internal.member_3"]);
