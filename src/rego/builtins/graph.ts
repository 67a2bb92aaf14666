// graph.reachable and graph.reachable_paths over adjacency objects (node → array/set of neighbours).
import { RObject, RSet, type Value } from "../value.js";
import { def, obj, typeErr } from "./args.js";
import type { BuiltinDef } from "./types.js";

function neighbours(g: RObject, n: Value): Value[] | undefined {
  const e = g.get(n);
  if (e === undefined) return undefined;
  if (Array.isArray(e)) return e;
  if (e instanceof RSet) return e.sorted();
  return [];
}

function starts(name: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw typeErr(name, 2, ["array", "set"], v);
}

export const graphBuiltins: BuiltinDef[] = [
  def("graph.reachable", [{ objectOf: ["any", { anyOf: [{ arrayOf: "any" }, { setOf: "any" }] }] }, { anyOf: [{ arrayOf: "any" }, { setOf: "any" }] }], { setOf: "any" }, (args) => {
    const g = obj("graph.reachable", args, 0);
    const out = new RSet();
    const queue = [...starts("graph.reachable", args[1]!)];
    while (queue.length) {
      const n = queue.shift()!;
      if (out.has(n)) continue;
      const ns = neighbours(g, n);
      // Only nodes the graph knows are reported, as in OPA.
      if (ns === undefined) continue;
      out.add(n);
      for (const m of ns) if (!out.has(m)) queue.push(m);
    }
    return out;
  }),
  def("graph.reachable_paths", [{ objectOf: ["any", { anyOf: [{ arrayOf: "any" }, { setOf: "any" }] }] }, { anyOf: [{ arrayOf: "any" }, { setOf: "any" }] }], { setOf: { arrayOf: "any" } }, (args) => {
    const g = obj("graph.reachable_paths", args, 0);
    const out = new RSet();
    const go = (n: Value, path: Value[]) => {
      const ns = neighbours(g, n);
      if (ns === undefined) {
        if (path.length) out.add(path);
        return;
      }
      const p = [...path, n];
      const next = ns.filter((m) => !p.some((x) => new RSet([x]).has(m)));
      if (next.length === 0) out.add(p);
      for (const m of next) go(m, p);
    };
    for (const s of starts("graph.reachable_paths", args[1]!)) go(s, []);
    return out;
  }),
];
