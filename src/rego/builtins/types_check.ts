// Type predicates (is_*, type_name) and casts (to_number).
import { RObject, RSet, num, typeName, type Value } from "../value.js";
import { anyOf, def, operandErr, typeErr } from "./args.js";
import { BuiltinError, type BuiltinDef } from "./types.js";

/** Go's strconv.ParseFloat decimal grammar (no Inf/NaN: OPA rejects those). */
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(name: string, s: string): number | bigint {
  if (/^[+-]*(inf|infinity|nan)$/i.test(s)) throw operandErr(name, 1, "must be valid number string but got string");
  if (!decimal.test(s)) throw new BuiltinError(`${name}: strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  if (/^[+-]?\d+$/.test(s)) return num(BigInt(s));
  const f = Number(s);
  if (!Number.isFinite(f)) throw new BuiltinError(`${name}: strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`);
  return f === 0 ? 0 : f;
}

const is = (name: string, test: (v: Value) => boolean): BuiltinDef => def(name, ["any"], "boolean", (args) => test(args[0]!));

export const typeBuiltins: BuiltinDef[] = [
  is("is_number", (v) => typeof v === "number" || typeof v === "bigint"),
  is("is_string", (v) => typeof v === "string"),
  is("is_boolean", (v) => typeof v === "boolean"),
  is("is_array", (v) => Array.isArray(v)),
  is("is_set", (v) => v instanceof RSet),
  is("is_object", (v) => v instanceof RObject),
  is("is_null", (v) => v === null),
  def("type_name", ["any"], "string", (args) => typeName(args[0]!)),
  def("to_number", [anyOf("null", "boolean", "number", "string")], "number", (args) => {
    const v = args[0]!;
    if (v === null) return 0;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number" || typeof v === "bigint") return v;
    if (typeof v === "string") return parseNumber("to_number", v);
    throw typeErr("to_number", 1, ["null", "boolean", "number", "string"], v);
  }),
];
