// graph.reachable and graph.reachable_paths over adjacency objects (node → array/set of neighbours).
import { RObject, RSet, typeName, type Value } from "../value.js";
import { def, obj, operandErr } from "./args.js";
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
  throw operandErr(name, 2, `must be {array, set} but got ${typeName(v)}`);
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
    // Depth-first from each neighbour of each start node; a path is committed at a node without edges,
    // at a neighbour outside the graph (without it), and wherever an edge closes a cycle.
    const build = (node: Value, path: Value[], seen: RSet) => {
      const ns = neighbours(g, node);
      if (ns === undefined) {
        out.add(path);
        return;
      }
      const p = [...path, node];
      if (ns.length === 0) {
        out.add(p);
        return;
      }
      const seen2 = new RSet(seen);
      seen2.add(node);
      for (const m of ns) {
        if (seen2.has(m)) out.add(p);
        else build(m, p, seen2);
      }
    };
    for (const s of starts("graph.reachable_paths", args[1]!)) {
      const ns = neighbours(g, s);
      if (ns === undefined) continue;
      if (ns.length === 0) out.add([s]);
      for (const m of ns) build(m, [s], new RSet([s]));
    }
    return out;
  }),
];
