// Operand access for builtins: each getter checks the run-time type and throws OPA's operand type error.
import { RObject, RSet, typeName, type Value } from "../value.js";
import { BuiltinError, operandTypeError, type BuiltinDef, type BuiltinFn, type TypeSpec } from "./types.js";

/** OPA's wording when several types are accepted: `must be one of {a, b} but got c`. */
export function typeErr(name: string, pos: number, expected: string[], got: Value): BuiltinError {
  const exp = expected.length === 1 ? expected[0]! : `one of {${expected.join(", ")}}`;
  return operandTypeError(name, pos, exp, typeName(got));
}

/** A builtin failure, prefixed with the builtin's name as OPA does. */
export function fail(name: string, msg: string): BuiltinError {
  return new BuiltinError(`${name}: ${msg}`);
}

export function str(name: string, args: Value[], i: number): string {
  const v = args[i]!;
  if (typeof v !== "string") throw typeErr(name, i + 1, ["string"], v);
  return v;
}
export function numArg(name: string, args: Value[], i: number): number | bigint {
  const v = args[i]!;
  if (typeof v !== "number" && typeof v !== "bigint") throw typeErr(name, i + 1, ["number"], v);
  return v;
}
export function bool(name: string, args: Value[], i: number): boolean {
  const v = args[i]!;
  if (typeof v !== "boolean") throw typeErr(name, i + 1, ["boolean"], v);
  return v;
}
export function arr(name: string, args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (!Array.isArray(v)) throw typeErr(name, i + 1, ["array"], v);
  return v;
}
export function set(name: string, args: Value[], i: number): RSet {
  const v = args[i]!;
  if (!(v instanceof RSet)) throw typeErr(name, i + 1, ["set"], v);
  return v;
}
export function obj(name: string, args: Value[], i: number): RObject {
  const v = args[i]!;
  if (!(v instanceof RObject)) throw typeErr(name, i + 1, ["object"], v);
  return v;
}
/** Members of an array or set operand (OPA accepts either for many collection builtins). */
export function coll(name: string, args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw typeErr(name, i + 1, ["array", "set"], v);
}
/** Strings of an array or set of strings, checked element by element. */
export function strColl(name: string, args: Value[], i: number): string[] {
  const v = args[i]!;
  const xs = coll(name, args, i);
  return xs.map((x) => {
    if (typeof x !== "string") throw typeErr(name, i + 1, ["array[string]", "set[string]"], v);
    return x;
  });
}

/** Shorthand to build a definition. */
export function def(name: string, args: TypeSpec[], result: TypeSpec, fn: BuiltinFn, extra?: Partial<BuiltinDef>): BuiltinDef {
  return { name, args, result, fn, ...extra };
}

export const anyOf = (...t: TypeSpec[]): TypeSpec => ({ anyOf: t });
export const arrayOf = (t: TypeSpec): TypeSpec => ({ arrayOf: t });
export const setOf = (t: TypeSpec): TypeSpec => ({ setOf: t });
export const objectOf = (k: TypeSpec, v: TypeSpec): TypeSpec => ({ objectOf: [k, v] });

/** OPA's message for a collection holding a member of the wrong type. */
export function elemErr(name: string, pos: number, coll: Value, elem: Value, expected: string): BuiltinError {
  return new BuiltinError(
    `${name}: operand ${pos} must be ${typeName(coll)} of ${expected}s but got ${typeName(coll)} containing ${typeName(elem)}`,
    "eval_type_error",
  );
}

/** An integral number operand as a JS integer; OPA's wording when it has a fraction. */
export function intArgN(name: string, args: Value[], i: number): number {
  const v = numArg(name, args, i);
  if (typeof v === "bigint") return Number(v);
  if (!Number.isInteger(v)) throw operandErr(name, i + 1, "must be integer number but got floating-point number");
  return v;
}

/** OPA's ErrOperand: a free-form operand complaint, reported as a type error. */
export function operandErr(name: string, pos: number, msg: string): BuiltinError {
  return new BuiltinError(`${name}: operand ${pos} ${msg}`, "eval_type_error");
}
