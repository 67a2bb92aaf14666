// `before` names containers that must reach a state before this one starts: each entry must name
// another container of the same workload, and the ordering must have no cycle.
import { toPointer } from "../parse/source-file.js";
import { listAlternatives } from "../placeholders/substitute.js";
import { reportAt } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";

export function checkBefore(w: Workload & { spec: NonNullable<Workload["spec"]> }): void {
  const containers = w.spec.containers;
  let any = false;
  for (const c in containers) if (containers[c]!.before) any = true;
  if (!any) return; // the usual workload orders nothing: no names to sort, no graph to build
  const names = Object.keys(w.spec.containers).sort();
  const edges = new Map<string, string[]>();
  let hasEdges = false;
  for (const c of names) {
    const before = w.spec.containers[c]!.before ?? {};
    const deps: string[] = [];
    for (const dep of Object.keys(before).sort()) {
      const at = () => toPointer(["containers", c, "before", dep]); // only a finding needs it
      if (dep === c) reportAt(w, at(), `container "${c}" cannot wait for itself in "before"`, { ruleId: "score/before-self", severity: "error", key: true });
      else if (!(dep in w.spec.containers))
        reportAt(w, at(), `"before" names unknown container "${dep}"; containers of ${w.name} are ${listAlternatives(names)}`, {
          ruleId: "score/before-unknown",
          severity: "error",
          key: true,
        });
      else deps.push(dep);
    }
    edges.set(c, deps);
    hasEdges ||= deps.length > 0;
  }
  if (!hasEdges) return; // no ordering at all (the usual case): nothing can form a cycle
  const cycle = findCycle(names, edges);
  if (cycle) {
    const [from, to] = [cycle[0]!, cycle[1]!];
    reportAt(w, toPointer(["containers", from, "before", to]), `"before" forms a cycle: ${cycle.join(" → ")}`, {
      ruleId: "score/before-cycle",
      severity: "error",
      key: true,
    });
  }
}

/** The first cycle found (visiting nodes in sorted order), as a closed path [a, b, …, a]. */
export function findCycle(nodes: readonly string[], edges: Map<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of nodes) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
