// Array builtins.
import type { Value } from "../value.js";
import { arr, arrayOf, def, intArgN } from "./args.js";
import type { BuiltinDef } from "./types.js";

export const arrayBuiltins: BuiltinDef[] = [
  def("array.concat", ["array", "array"], arrayOf("any"), (args) => [...arr("array.concat", args, 0), ...arr("array.concat", args, 1)]),
  def("array.slice", ["array", "number", "number"], arrayOf("any"), (args) => {
    const a = arr("array.slice", args, 0);
    // OPA clamps both bounds into range and yields [] when they cross.
    let start = intArgN("array.slice", args, 1);
    let stop = intArgN("array.slice", args, 2);
    if (start < 0) start = 0;
    if (stop > a.length) stop = a.length;
    if (start >= stop) return [];
    return a.slice(start, stop);
  }),
  def("array.reverse", ["array"], arrayOf("any"), (args) => [...arr("array.reverse", args, 0)].reverse()),
  def("array.flatten", ["array"], arrayOf("any"), (args) => {
    const out: Value[] = [];
    for (const x of arr("array.flatten", args, 0)) {
      if (Array.isArray(x)) out.push(...x);
      else out.push(x);
    }
    return out;
  }),
];
