// The graph as one self-contained HTML page: laid out here with @dagrejs/dagre (the page carries only the
// computed coordinates, drawn as inline SVG), a few lines of inline script for hover details, no network.
import dagre from "@dagrejs/dagre";
import { worstSeverity, type GraphNode, type ProjectGraph } from "./graph-model.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const CHAR = 7.2; // average glyph width of the 12px sans-serif used below
const num = (x: number) => String(Math.round(x * 10) / 10);

function details(n: GraphNode): string {
  const lines = [`${n.kind}: ${n.label}`];
  if (n.file) lines.push(`${n.kind === "provisioner" ? "provisioner file" : "file"}: ${n.file}`);
  if (n.outputs) lines.push(`outputs: ${n.outputs.length ? n.outputs.join(", ") : "none"}`);
  for (const f of n.findings) lines.push(`${f.severity} ${f.ruleId} (line ${f.line}): ${f.message}`);
  return lines.join("\n");
}

export function toHtml(g: ProjectGraph): string {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 70, marginx: 16, marginy: 16 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) layout.setNode(n.id, { width: Math.max(90, n.label.length * CHAR + 28), height: 36 });
  for (const e of g.edges) layout.setEdge(e.from, e.to);
  dagre.layout(layout);
  const size = layout.graph();
  const width = Math.ceil(size.width ?? 100);
  const height = Math.ceil(size.height ?? 100);
  const edges = g.edges.map((e) => {
    const pts = layout.edge(e.from, e.to)?.points ?? [];
    const d = pts.map((p: { x: number; y: number }, i: number) => `${i ? "L" : "M"}${num(p.x)},${num(p.y)}`).join(" ");
    return `<path class="edge ${e.kind}" d="${d}" marker-end="url(#arrow)"/>`;
  });
  const nodes = g.nodes.map((n) => {
    const p = layout.node(n.id);
    const sev = worstSeverity(n);
    const x = p.x - p.width / 2;
    const y = p.y - p.height / 2;
    const shape = n.kind === "workload" ? `<rect x="${num(x)}" y="${num(y)}" width="${num(p.width)}" height="${num(p.height)}" rx="4"/>` : n.kind === "resource" ? `<rect x="${num(x)}" y="${num(y)}" width="${num(p.width)}" height="${num(p.height)}" rx="16"/>` : `<polygon points="${num(x + 10)},${num(y)} ${num(x + p.width - 10)},${num(y)} ${num(x + p.width)},${num(p.y)} ${num(x + p.width - 10)},${num(y + p.height)} ${num(x + 10)},${num(y + p.height)} ${num(x)},${num(p.y)}"/>`;
    const badge = sev ? `<circle class="badge" cx="${num(x + p.width - 2)}" cy="${num(y + 2)}" r="7"/>` : "";
    return `<g class="node ${n.kind}${sev ? ` ${sev}` : ""}" data-id="${esc(n.id)}" data-details="${esc(details(n))}" tabindex="0"><title>${esc(details(n))}</title>${shape}<text x="${num(p.x)}" y="${num(p.y + 4)}">${esc(n.label)}</text>${badge}</g>`;
  });
  const title = `scorec graph (${g.target}, ${g.environment})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>
body { font: 12px system-ui, sans-serif; margin: 16px; color: #1f2328; }
h1 { font-size: 16px; }
.legend span { margin-right: 16px; }
svg text { text-anchor: middle; font: 12px sans-serif; pointer-events: none; }
.node rect, .node polygon { stroke: #57606a; stroke-width: 1.5; }
.workload rect { fill: #ddf4ff; } .resource rect { fill: #dafbe1; } .provisioner polygon { fill: #fbefff; }
.node.error rect, .node.error polygon { stroke: #d1242f; stroke-width: 3; }
.node.warning rect, .node.warning polygon { stroke: #bf8700; stroke-width: 3; }
.badge { fill: #bf8700; } .error .badge { fill: #d1242f; } .info .badge { fill: #0969da; }
.node:hover rect, .node:hover polygon, .node:focus rect, .node:focus polygon { filter: brightness(0.93); }
.edge { fill: none; stroke: #8c959f; stroke-width: 1.5; } .edge.depends-on { stroke-dasharray: 5 4; }
#details { white-space: pre-wrap; border: 1px solid #d0d7de; padding: 8px; min-height: 3em; max-width: 60em; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="legend"><span>▭ workload</span><span>◯ resource</span><span>⬡ provisioner</span><span>red: error, amber: warning</span></p>
<svg id="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c959f"/></marker></defs>
${edges.join("\n")}
${nodes.join("\n")}
</svg>
<pre id="details">Hover a node for its outputs, provisioner file and findings.</pre>
<script>
for (const n of document.querySelectorAll(".node")) {
  const show = () => { document.getElementById("details").textContent = n.dataset.details; };
  n.addEventListener("mouseenter", show);
  n.addEventListener("focus", show);
}
</script>
</body>
</html>
`;
}
