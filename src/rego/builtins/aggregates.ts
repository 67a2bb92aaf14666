// Aggregates over collections: count, sum, product, max, min, sort, all, any.
import { RObject, RSet, compare, type Value } from "../value.js";
import { anyOf, arrayOf, def, elemErr, typeErr } from "./args.js";
import { add, mul, type Num } from "./numeric.js";
import type { BuiltinDef } from "./types.js";

const collection = anyOf("array", "set");

/** Members of an array or set; OPA lists the accepted types in a builtin-specific order. */
function members(name: string, v: Value, order: string[] = ["set", "array"]): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw typeErr(name, 1, order, v);
}

function numbers(name: string, v: Value): Num[] {
  return members(name, v).map((x) => {
    if (typeof x !== "number" && typeof x !== "bigint") throw elemErr(name, 1, v, x, "number");
    return x;
  });
}

export const aggregateBuiltins: BuiltinDef[] = [
  def("count", [anyOf("array", "object", "set", "string")], "number", (args) => {
    const v = args[0]!;
    if (typeof v === "string") {
      // Code points, as OPA counts runes.
      let n = 0;
      for (const _ of v) n++;
      return n;
    }
    if (Array.isArray(v)) return v.length;
    if (v instanceof RSet || v instanceof RObject) return v.size;
    throw typeErr("count", 1, ["array", "object", "set", "string"], v);
  }),
  def("sum", [collection], "number", (args) => numbers("sum", args[0]!).reduce<Num>((a, b) => add(a, b), 0)),
  def("product", [collection], "number", (args) => numbers("product", args[0]!).reduce<Num>((a, b) => mul(a, b), 1)),
  def("max", [collection], "any", (args) => {
    const xs = members("max", args[0]!);
    if (xs.length === 0) return undefined;
    return xs.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
  }),
  def("min", [collection], "any", (args) => {
    const xs = members("min", args[0]!);
    if (xs.length === 0) return undefined;
    return xs.reduce((a, b) => (compare(a, b) <= 0 ? a : b));
  }),
  def("sort", [collection], arrayOf("any"), (args) => [...members("sort", args[0]!)].sort(compare)),
  def("all", [collection], "boolean", (args) => members("all", args[0]!, ["array", "set"]).every((x) => x === true)),
  def("any", [collection], "boolean", (args) => members("any", args[0]!, ["array", "set"]).some((x) => x === true)),
];
