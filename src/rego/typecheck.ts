// The cheap parts of OPA's type check: arity and existence of called functions, literal operand types,
// and `=` between literals that can never match.
import type { Term } from "./ast.js";
import { DEPRECATED_NAMES } from "./builtins/deprecated.js";
import type { TypeSpec } from "./builtins/types.js";
import { RegoError, type Location } from "./errors.js";
import { lookupBuiltin, SPECIAL_BUILTINS } from "./registry.js";
import type { Ctx } from "./scope.js";

/** OPA's type checker rejects `=`/`:=` between literals that can never match (`[a, b] := [1, 2, 3]`). */
export function checkMatch(a: Term, b: Term, loc: Location): void {
  const fail = () => {
    throw new RegoError("rego_type_error", "match error: left and right side of the expression can never match", loc);
  };
  if (a.t === "array" && b.t === "array") {
    if (a.items.length !== b.items.length) fail();
    a.items.forEach((x, i) => checkMatch(x, b.items[i]!, loc));
  } else if (a.t === "object" && b.t === "object") {
    const ka = a.items.map(([k]) => k);
    const kb = b.items.map(([k]) => k);
    if (ka.every((k) => k.t === "scalar") && kb.every((k) => k.t === "scalar")) {
      const sa = new Set(ka.map((k) => JSON.stringify((k as { v: unknown }).v)));
      const sb = new Set(kb.map((k) => JSON.stringify((k as { v: unknown }).v)));
      if (sa.size !== sb.size || [...sa].some((k) => !sb.has(k))) fail();
    }
  } else if ((a.t === "array" && (b.t === "object" || b.t === "set" || b.t === "scalar")) || (b.t === "array" && (a.t === "object" || a.t === "set" || a.t === "scalar"))) {
    fail();
  } else if ((a.t === "object" && (b.t === "set" || b.t === "scalar")) || (b.t === "object" && (a.t === "set" || a.t === "scalar"))) {
    fail();
  }
}


export function checkCall(name: string, nargs: number, loc: Location, ctx: Ctx, allowOut: boolean): void {
  const extra = allowOut ? 1 : 0;
  if (name.startsWith("data.")) {
    const ar = ctx.funcArity.get(name);
    if (ar === undefined) throw new RegoError("rego_type_error", `undefined function ${name}`, loc);
    if (nargs !== ar && nargs !== ar + extra)
      throw new RegoError("rego_type_error", `function ${name} has arity ${ar}, got ${nargs} arguments`, loc);
    return;
  }
  if (SPECIAL_BUILTINS.has(name)) return;
  const b = lookupBuiltin(name);
  // OPA 1.x removed the deprecated builtins from v1; v0 modules keep them.
  if (!b || (DEPRECATED_NAMES.has(name) && ctx.regoVersion !== 0)) throw new RegoError("rego_type_error", `undefined function ${name}`, loc);
  if (b.variadic) return;
  const ar = b.args.length;
  if (nargs < ar) throw new RegoError("rego_type_error", `${name}: arity mismatch: too few arguments`, loc);
  if (nargs > ar + extra) throw new RegoError("rego_type_error", `${name}: arity mismatch: too many arguments`, loc);
}

/** Cheap part of OPA's type check: a literal operand whose type the builtin can never accept. */
export function checkLiteralArgs(name: string, args: Term[], loc: Location): void {
  if (name.startsWith("data.") || SPECIAL_BUILTINS.has(name)) return;
  const b = lookupBuiltin(name);
  if (!b || b.variadic) return;
  for (let i = 0; i < Math.min(args.length, b.args.length); i++) {
    const t = literalType(args[i]!);
    if (t && !accepts(b.args[i]!, t))
      throw new RegoError("rego_type_error", `${name}: invalid argument(s): operand ${i + 1} must not be ${t}`, loc);
  }
}

function literalType(t: Term): string | undefined {
  switch (t.t) {
    case "scalar":
      return t.v === null ? "null" : typeof t.v === "bigint" ? "number" : typeof t.v;
    case "array":
    case "acompr":
      return "array";
    case "set":
    case "scompr":
      return "set";
    case "object":
    case "ocompr":
      return "object";
    default:
      return undefined;
  }
}

function accepts(spec: TypeSpec, type: string): boolean {
  if (spec === "any") return true;
  if (typeof spec === "string") return spec === type;
  if ("anyOf" in spec) return spec.anyOf.some((s) => accepts(s, type));
  if ("arrayOf" in spec) return type === "array";
  if ("setOf" in spec) return type === "set";
  if ("objectOf" in spec) return type === "object";
  return true;
}

export function callArity(name: string, funcArity: Map<string, number>): number | undefined {
  if (name.startsWith("data.")) return funcArity.get(name);
  if (name === "internal.member_2" || name === "equal" || name === "neq") return 2;
  if (name === "internal.member_3") return 3;
  if (name === "print" || name === "internal.template_string") return undefined;
  const b = lookupBuiltin(name);
  if (!b || b.variadic) return undefined;
  return b.args.length;
}

