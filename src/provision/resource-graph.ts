// Resources of all workloads as one graph. Identity is `type.class#id` (class defaults to "default",
// id to "<workload>.<resource>"); the same explicit id in several workloads is one shared resource.
// Params that reference another resource's outputs are edges: that resource is provisioned first.
import { isDeepStrictEqual } from "node:util";
import { findCycle } from "../check/before-order.js";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { toPointer } from "../parse/source-file.js";
import { expandables } from "../placeholders/expandable.js";
import { parsePlaceholders } from "../placeholders/parse-placeholders.js";
import { reportAt } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";

type Spec = NonNullable<Workload["spec"]>;

export interface Declaration {
  workload: Workload & { spec: Spec };
  /** The resource's name in that workload. */
  name: string;
}

export interface ResourceNode {
  uid: string;
  type: string;
  class: string;
  id: string;
  /** Params as written by the first declaration (placeholders not yet expanded). */
  params: Record<string, unknown>;
  metadata: Record<string, unknown>;
  declarations: Declaration[];
  /** uids this node's params refer to. */
  dependsOn: string[];
}

export interface ResourceGraph {
  nodes: Map<string, ResourceNode>;
  /** Provisioning order: dependencies first, ties in code-point order of uid. Empty on a cycle. */
  order: string[];
}

export function resourceUid(type: string, klass: string | undefined, id: string): string {
  return `${type}.${klass ?? "default"}#${id}`;
}

export function uidFor(w: Workload & { spec: Spec }, name: string): string {
  const r = w.spec.resources![name]!;
  return resourceUid(r.type, r.class, r.id ?? `${w.name}.${name}`);
}

export function buildResourceGraph(workloads: readonly (Workload & { spec: Spec })[]): ResourceGraph {
  const nodes = new Map<string, ResourceNode>();
  const sorted = [...workloads].sort((a, b) => byCodePoint(a.name, b.name));
  for (const w of sorted) {
    for (const name of Object.keys(w.spec.resources ?? {}).sort(byCodePoint)) {
      const r = w.spec.resources![name]!;
      const uid = uidFor(w, name);
      const params = (r.params ?? {}) as Record<string, unknown>;
      const existing = nodes.get(uid);
      if (existing) {
        const first = existing.declarations[0]!;
        if (!isDeepStrictEqual(existing.params, params)) {
          const line = first.workload.input.source?.rangeOfPointer(first.workload.doc, toPointer(["resources", first.name]), { key: true }).start.line;
          reportAt(w, toPointer(["resources", name, "params"]), `shared resource ${uid} has different params here than in ${first.workload.input.path}:${line} (workload ${first.workload.name}, resource "${first.name}"); a shared resource must be declared the same everywhere`, {
            ruleId: "score/shared-resource-conflict",
            severity: "error",
            key: r.params !== undefined,
          });
        }
        existing.declarations.push({ workload: w, name });
        continue;
      }
      nodes.set(uid, {
        uid,
        type: r.type,
        class: r.class ?? "default",
        id: r.id ?? `${w.name}.${name}`,
        params,
        metadata: (r.metadata ?? {}) as Record<string, unknown>,
        declarations: [{ workload: w, name }],
        dependsOn: [],
      });
    }
  }
  // Edges from params placeholders, per declaring workload (resource names are workload-local).
  for (const node of nodes.values()) {
    const deps = new Set<string>();
    for (const d of node.declarations) {
      for (const e of expandables(d.workload.spec)) {
        if (e.context !== "param" || e.resource !== d.name) continue;
        for (const seg of parsePlaceholders(e.value).segments) {
          if (seg.kind !== "ref" || seg.path[0] !== "resources" || !seg.path[1]) continue;
          if (d.workload.spec.resources?.[seg.path[1]]) deps.add(uidFor(d.workload, seg.path[1]));
        }
      }
    }
    node.dependsOn = [...deps].sort(byCodePoint);
  }
  return { nodes, order: topologicalOrder(nodes) };
}

function topologicalOrder(nodes: Map<string, ResourceNode>): string[] {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes.values()) {
    indegree.set(n.uid, n.dependsOn.length);
    for (const d of n.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), n.uid]);
  }
  const ready = [...nodes.keys()].filter((u) => indegree.get(u) === 0).sort(byCodePoint);
  const order: string[] = [];
  while (ready.length) {
    const u = ready.shift()!;
    order.push(u);
    for (const v of dependents.get(u) ?? []) {
      indegree.set(v, indegree.get(v)! - 1);
      if (indegree.get(v) === 0) {
        ready.push(v);
        ready.sort(byCodePoint);
      }
    }
  }
  return order.length === nodes.size ? order : [];
}

/** When the order is empty but nodes exist, report the cycle on the params that form it. */
export function reportCycle(graph: ResourceGraph): boolean {
  if (graph.order.length === graph.nodes.size) return false;
  const uids = [...graph.nodes.keys()].sort(byCodePoint);
  const cycle = findCycle(uids, new Map(uids.map((u) => [u, graph.nodes.get(u)!.dependsOn])));
  if (!cycle) return false;
  const node = graph.nodes.get(cycle[0]!)!;
  const d = node.declarations[0]!;
  reportAt(d.workload, toPointer(["resources", d.name, "params"]), `resource params form a cycle: ${cycle.join(" → ")}`, {
    ruleId: "score/resource-cycle",
    severity: "error",
    key: true,
  });
  return true;
}
