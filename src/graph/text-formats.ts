// The graph as Mermaid and Graphviz DOT text. Node ids are stable short names (n0, n1…) in model order;
// labels are escaped for each language.
import { worstSeverity, type ProjectGraph } from "./graph-model.js";

const SHAPES = { workload: ["[", "]"], resource: ["[(", ")]"], provisioner: ["{{", "}}"] } as const;

function label(g: ProjectGraph, i: number): string {
  const n = g.nodes[i]!;
  const sev = worstSeverity(n);
  return `${n.kind}: ${n.label}${sev ? ` (${n.findings.length} finding${n.findings.length === 1 ? "" : "s"}, ${sev})` : ""}`;
}

export function toMermaid(g: ProjectGraph): string {
  const idx = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  g.nodes.forEach((n, i) => {
    const [open, close] = SHAPES[n.kind];
    lines.push(`  n${i}${open}"${label(g, i).replace(/"/g, "#quot;")}"${close}`);
  });
  for (const e of g.edges) lines.push(`  ${idx.get(e.from)} ${e.kind === "depends-on" ? "-.->" : "-->"}|${e.kind}| ${idx.get(e.to)}`);
  lines.push("  classDef error stroke:#d1242f,stroke-width:3px", "  classDef warning stroke:#bf8700,stroke-width:3px");
  g.nodes.forEach((n, i) => {
    const sev = worstSeverity(n);
    if (sev === "error" || sev === "warning") lines.push(`  class n${i} ${sev}`);
  });
  return lines.join("\n") + "\n";
}

const dotString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

export function toDot(g: ProjectGraph): string {
  const idx = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const shape = { workload: "box", resource: "cylinder", provisioner: "hexagon" } as const;
  const lines = ["digraph scorec {", "  rankdir=LR;", "  node [fontname=Helvetica];"];
  g.nodes.forEach((n, i) => {
    const sev = worstSeverity(n);
    const colour = sev === "error" ? ", color=red, penwidth=2" : sev === "warning" ? ", color=orange, penwidth=2" : "";
    lines.push(`  n${i} [label=${dotString(label(g, i))}, shape=${shape[n.kind]}${colour}];`);
  });
  for (const e of g.edges) lines.push(`  ${idx.get(e.from)} -> ${idx.get(e.to)} [label=${dotString(e.kind)}${e.kind === "depends-on" ? ", style=dashed" : ""}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
