// Score `before`, as score-compose reads it: `containers.X.before.Y.ready` says X must reach a state before
// Y starts. In a pod: `complete` → X is a classic init container (runs to completion first); `started` /
// `healthy` → X is a native sidecar (an init container with restartPolicy Always, Kubernetes ≥ 1.29), which the kubelet
// starts before the next container — after its startupProbe passes, which is how `healthy` is kept.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import type { EmitFinding, ResolvedWorkload } from "../../src/emit/target.js";

export interface InitEntry {
  name: string;
  sidecar: boolean;
  /** `healthy` was asked for: the sidecar needs a startupProbe. */
  healthy: boolean;
}


export function startOrder(w: ResolvedWorkload, findings: EmitFinding[]): InitEntry[] {
  const names = new Set(w.containers.map((c) => c.name));
  const mode = new Map<string, "complete" | "started" | "healthy">();
  const edges = new Map<string, Set<string>>(); // X → containers that wait for X
  for (const c of w.containers) {
    const x = c.name;
    for (const [y, { ready }] of Object.entries(c.before).sort(([a], [b]) => byCodePoint(a, b))) {
      const pointer = `/containers/${c.name}/before/${y}`;
      if (!names.has(y) || y === c.name) {
        findings.push({ workload: w.name, pointer, ruleId: "helm/before-unknown-container", severity: "error", message: `container "${c.name}" waits for "${y}", which is not another container of this workload` });
        continue;
      }
      const m = ready === "complete" ? "complete" : ready === "healthy" ? "healthy" : "started";
      const prev = mode.get(x);
      if (prev && prev !== m) {
        // One container cannot both run to completion and keep running: completion wins, as it is stricter.
        findings.push({ workload: w.name, pointer, ruleId: "helm/before-conflict", severity: "warning", message: `container "${x}" is waited for as both "${prev}" and "${m}"; treating it as "${prev === "complete" || m === "complete" ? "complete" : "healthy"}"` });
      }
      const merged = prev === "complete" || m === "complete" ? "complete" : prev === "healthy" || m === "healthy" ? "healthy" : "started";
      mode.set(x, merged);
      if (!edges.has(x)) edges.set(x, new Set());
      edges.get(x)!.add(y);
    }
  }
  // Topological order of the init containers (those waited for), ties in code-point order.
  const init = [...mode.keys()].sort(byCodePoint);
  const indegree = new Map(init.map((n) => [n, 0]));
  for (const y of init) for (const x of edges.get(y) ?? []) if (indegree.has(x)) indegree.set(x, indegree.get(x)! + 1);
  const order: string[] = [];
  const ready = init.filter((n) => indegree.get(n) === 0);
  while (ready.length) {
    ready.sort(byCodePoint);
    const n = ready.shift()!;
    order.push(n);
    for (const x of edges.get(n) ?? []) {
      if (!indegree.has(x)) continue;
      indegree.set(x, indegree.get(x)! - 1);
      if (indegree.get(x) === 0) ready.push(x);
    }
  }
  if (order.length < init.length) {
    findings.push({ workload: w.name, pointer: "/containers", ruleId: "helm/before-cycle", severity: "error", message: `the containers' "before" relations form a cycle (${init.filter((n) => !order.includes(n)).join(", ")})` });
    order.push(...init.filter((n) => !order.includes(n)));
  }
  if (w.containers.length > 0 && init.length === w.containers.length) {
    findings.push({ workload: w.name, pointer: "/containers", ruleId: "helm/before-no-main", severity: "error", message: "every container has a \"before\", so none is left to run as the main container" });
  }
  return order.map((name) => ({ name, sidecar: mode.get(name) !== "complete", healthy: mode.get(name) === "healthy" }));
}
