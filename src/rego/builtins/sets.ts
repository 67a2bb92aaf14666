// Set operators (`&`, `|`) and the n-ary intersection/union builtins.
import { RSet, type Value } from "../value.js";
import { def, set, setOf, typeErr } from "./args.js";
import type { BuiltinDef } from "./types.js";

function intersect(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

/** The members of a set of sets, each checked. */
function setOfSets(name: string, args: Value[]): RSet[] {
  const s = set(name, args, 0);
  const out: RSet[] = [];
  for (const x of s) {
    if (!(x instanceof RSet)) throw typeErr(name, 1, ["set[set[any]]"], args[0]!);
    out.push(x);
  }
  return out;
}

export const setBuiltins: BuiltinDef[] = [
  def("and", ["set", "set"], "set", (args) => intersect(set("and", args, 0), set("and", args, 1))),
  def("or", ["set", "set"], "set", (args) => {
    const out = new RSet(set("or", args, 0));
    for (const x of set("or", args, 1)) out.add(x);
    return out;
  }),
  def("intersection", [setOf("set")], "set", (args) => {
    const ss = setOfSets("intersection", args);
    if (ss.length === 0) return new RSet();
    return ss.slice(1).reduce(intersect, ss[0]!);
  }),
  def("union", [setOf("set")], "set", (args) => {
    const out = new RSet();
    for (const s of setOfSets("union", args)) for (const x of s) out.add(x);
    return out;
  }),
];
