// Comparison operators: Rego compares any two values under its total order (`compare` in value.ts).
import { compare, equal, type Value } from "../value.js";
import { def } from "./args.js";
import type { BuiltinDef } from "./types.js";

const cmp = (name: string, test: (c: number) => boolean): BuiltinDef =>
  def(name, ["any", "any"], "boolean", (args: Value[]) => test(compare(args[0]!, args[1]!)));

export const compareBuiltins: BuiltinDef[] = [
  def("equal", ["any", "any"], "boolean", (args) => equal(args[0]!, args[1]!)),
  def("neq", ["any", "any"], "boolean", (args) => !equal(args[0]!, args[1]!)),
  cmp("lt", (c) => c < 0),
  cmp("lte", (c) => c <= 0),
  cmp("gt", (c) => c > 0),
  cmp("gte", (c) => c >= 0),
];
