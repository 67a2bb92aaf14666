// Builtins OPA deprecated and removed from Rego v1 but still offers to v0 modules (`--rego-version v0`):
// `re_match`, `cast_*`, `set_diff`, `net.cidr_overlap`, `any`, `all`. The type checker refuses them in v1
// modules ("undefined function"), as OPA 1.x does; v0 policy libraries (gatekeeper-era, regula, OPA's
// library) still call them.
import { RObject, RSet, compare, type Value } from "../value.js";
import { anyOf, def, set, str, typeErr } from "./args.js";
import { cidrContains } from "./net.js";
import { regexMatch } from "./regex.js";
import type { BuiltinDef } from "./types.js";

function typeName(v: Value): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v instanceof RSet) return "set";
  if (v instanceof RObject) return "object";
  return typeof v === "bigint" ? "number" : typeof v;
}

/** `cast_<type>(x)` is the identity for a value of that type, a type error otherwise. */
function identityCast(name: string, type: string): BuiltinDef {
  return def(name, ["any"], type as "string", (args) => {
    if (typeName(args[0]!) !== type) throw typeErr(name, 1, [type], args[0]!);
    return args[0]!;
  });
}

function truthyMembers(name: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return [...v];
  throw typeErr(name, 1, ["array", "set"], v);
}

export const deprecatedBuiltins: BuiltinDef[] = [
  def("re_match", ["string", "string"], "boolean", (args, ctx) =>
    regexMatch("re_match", str("re_match", args, 0), str("re_match", args, 1), ctx),
  ),
  def("cast_array", [anyOf("array", "set")], "array", (args) => {
    const v = args[0]!;
    if (Array.isArray(v)) return v;
    if (v instanceof RSet) return [...v].sort(compare);
    throw typeErr("cast_array", 1, ["array", "set"], v);
  }),
  def("cast_set", [anyOf("array", "set")], "set", (args) => {
    const v = args[0]!;
    if (v instanceof RSet) return v;
    if (Array.isArray(v)) return new RSet(v);
    throw typeErr("cast_set", 1, ["array", "set"], v);
  }),
  identityCast("cast_string", "string"),
  identityCast("cast_boolean", "boolean"),
  identityCast("cast_null", "null"),
  identityCast("cast_object", "object"),
  def("set_diff", ["set", "set"], "set", (args) => {
    const b = set("set_diff", args, 1);
    return new RSet([...set("set_diff", args, 0)].filter((x) => !b.has(x)));
  }),
  def("net.cidr_overlap", ["string", "string"], "boolean", (args) => cidrContains("net.cidr_overlap", args)),
  def("any", [anyOf("array", "set")], "boolean", (args) => truthyMembers("any", args[0]!).some((x) => x === true)),
  def("all", [anyOf("array", "set")], "boolean", (args) => truthyMembers("all", args[0]!).every((x) => x === true)),
];

export const DEPRECATED_NAMES: ReadonlySet<string> = new Set(deprecatedBuiltins.map((d) => d.name));
