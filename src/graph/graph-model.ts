// The project as a graph: workloads → resources (a shared resource once) → the provisioner that matched,
// for one target and environment, with findings attached to the node they concern. Every format
// (mermaid, dot, json, html) is drawn from this one model, in a fixed order.
import { byCodePoint, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { GenerateResult } from "../api/generate.js";

export interface GraphNode {
  id: string;
  kind: "workload" | "resource" | "provisioner";
  label: string;
  /** Output names (resources), the provisioner file (provisioners), the Score file (workloads). */
  outputs?: string[];
  file?: string;
  findings: { severity: Diagnostic["severity"]; ruleId: string; message: string; line: number }[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: "uses" | "provisioned-by" | "depends-on";
}

export interface ProjectGraph {
  version: 1;
  target: string;
  environment: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

export function worstSeverity(n: GraphNode): Diagnostic["severity"] | undefined {
  return [...n.findings].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity])[0]?.severity;
}

export function buildGraph(result: GenerateResult, target: string, environment: string): ProjectGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (n: Omit<GraphNode, "findings">) => nodes.get(n.id) ?? (nodes.set(n.id, { ...n, findings: [] }), nodes.get(n.id)!);
  const provision = result.provision;
  const resourceOf = new Map<string, string>(); // `${file}#${resource name}` → node id
  for (const w of [...result.tree.workloads].sort((a, b) => byCodePoint(a.name, b.name))) {
    add({ id: `workload:${w.name}`, kind: "workload", label: w.name, file: w.input.path });
  }
  for (const node of [...(provision?.graph.nodes.values() ?? [])].sort((a, b) => byCodePoint(a.uid, b.uid))) {
    const done = provision!.resources.get(node.uid);
    const id = `resource:${node.uid}`;
    add({ id, kind: "resource", label: `${node.type} ${node.id}`, outputs: done ? Object.keys(done.outputs).sort(byCodePoint) : undefined });
    for (const d of node.declarations) {
      edges.push({ from: `workload:${d.workload.name}`, to: id, kind: "uses" });
      resourceOf.set(`${d.workload.input.path}#${d.workload.doc}#${d.name}`, id);
    }
    for (const dep of node.dependsOn) edges.push({ from: id, to: `resource:${dep}`, kind: "depends-on" });
    if (done) {
      const pid = `provisioner:${done.provisioner.uri}`;
      add({ id: pid, kind: "provisioner", label: done.provisioner.uri, file: done.provisioner.file });
      edges.push({ from: id, to: pid, kind: "provisioned-by" });
    }
  }
  // Findings land on the resource they point into, else on the workload of their file.
  for (const d of result.diagnostics) {
    const m = /^\/resources\/([^/]+)/.exec(d.pointer ?? "");
    const w = result.tree.workloads.find((x) => x.input.path === d.file || x.input.vfile.path === d.file);
    const target = (m && w && nodes.get(resourceOf.get(`${w.input.path}#${w.doc}#${m[1]!.replace(/~1/g, "/").replace(/~0/g, "~")}`) ?? "")) || (w && nodes.get(`workload:${w.name}`));
    target?.findings.push({ severity: d.severity, ruleId: d.ruleId, message: d.message, line: d.range.start.line });
  }
  const unique = new Map(edges.map((e) => [`${e.from}\u0000${e.to}\u0000${e.kind}`, e]));
  return {
    version: 1,
    target,
    environment,
    nodes: [...nodes.values()],
    edges: [...unique.values()].sort((a, b) => byCodePoint(a.from, b.from) || byCodePoint(a.to, b.to) || byCodePoint(a.kind, b.kind)),
  };
}
