// walk: a relation yielding [path, value] for every node, pre-order, children in canonical key order.
import { RObject, RSet, type Value } from "../value.js";
import { def } from "./args.js";
import type { BuiltinDef } from "./types.js";

export function walkPairs(v: Value): Value[] {
  const out: Value[] = [];
  const go = (x: Value, path: Value[]) => {
    out.push([path, x]);
    if (Array.isArray(x)) x.forEach((e, i) => go(e, [...path, i]));
    else if (x instanceof RSet) for (const e of x.sorted()) go(e, [...path, e]);
    else if (x instanceof RObject) for (const [k, e] of x.sortedEntries()) go(e, [...path, k]);
  };
  go(v, []);
  return out;
}

export const walkBuiltins: BuiltinDef[] = [
  def("walk", ["any"], { arrayOf: "any" }, (args) => walkPairs(args[0]!), { relation: true }),
];
