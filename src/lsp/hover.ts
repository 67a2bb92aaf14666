// Hover: a placeholder's resource (type, class, id, provisioner, outputs), the findings under the cursor
// with their rule's description, and the schema description of the key.
import type { Hover, Position } from "vscode-languageserver/node.js";
import { asRecord } from "./doc-model.js";
import { lookupOf, modelOf, type FeatureContext } from "./feature-context.js";
import { toLspRange } from "./lsp-diagnostics.js";
import { placeholderAt } from "./placeholder-at.js";
import { resourceInfo } from "./resource-info.js";
import { descriptionAt } from "./schema-info.js";
import { cursorContext } from "./yaml-cursor.js";

function contains(r: { start: { line: number; character: number }; end: { line: number; character: number } }, p: Position): boolean {
  const before = (a: { line: number; character: number }, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, p) && before(p, r.end);
}

function placeholderHover(ctx: FeatureContext, line: string, at: Position): string | undefined {
  const ph = placeholderAt(line, at.character);
  if (!ph) return undefined;
  const raw = modelOf(ctx).raw;
  const [head, name] = ph.path;
  if (head === "metadata") {
    const value = ph.path.slice(1).reduce<unknown>((v, k) => (Object.prototype.hasOwnProperty.call(asRecord(v), k) ? asRecord(v)[k] : undefined), raw.metadata);
    return `**\${${ph.path.join(".")}}**` + (value === undefined ? " — not set in this workload" : ` = \`${typeof value === "string" ? value : JSON.stringify(value)}\``);
  }
  if (head !== "resources" || !name) return undefined;
  const info = resourceInfo(name, lookupOf(ctx, raw));
  if (!info) return `**resources.${name}**: no such resource in this workload`;
  const lines = [`**resource \`${name}\`**`, "", `- type: \`${info.type ?? "?"}\``, `- class: \`${info.class}\``, `- id: \`${info.id}\``];
  if (info.provisioner) lines.push(`- provisioner: \`${info.provisioner.uri}\` (${info.provisioner.file})`);
  else if (info.type) lines.push(`- provisioner: none of the loaded provisioners provides type \`${info.type}\``);
  if (info.outputs) lines.push(`- outputs${info.provisioned ? "" : " (declared by the provisioner)"}: ${info.outputs.length ? info.outputs.map((o) => `\`${o}\``).join(", ") : "none"}`);
  const output = ph.path[2];
  if (output && info.outputs && !info.outputs.includes(output)) lines.push("", `\`${output}\` is not a known output of this resource`);
  return lines.join("\n");
}

function diagnosticsHover(ctx: FeatureContext, at: Position): string | undefined {
  const parts: string[] = [];
  for (const d of ctx.analysis?.diagnostics ?? []) {
    if (!contains(toLspRange(d.range), at)) continue;
    const meta = ctx.assets?.registry?.get(d.ruleId);
    let s = `**${d.ruleId}** (${d.severity}): ${d.message}`;
    if (meta && meta.description !== d.message) s += `\n\n${meta.title !== meta.description ? `*${meta.title}* — ` : ""}${meta.description}`;
    const url = d.url ?? meta?.url;
    if (url) s += `\n\n[${url}](${url})`;
    parts.push(s);
  }
  return parts.length ? parts.join("\n\n---\n\n") : undefined;
}

function schemaHover(ctx: FeatureContext, at: Position): string | undefined {
  const c = cursorContext(ctx.text, at.line, at.character);
  if (!c.key || c.where === "blank") return undefined;
  const path = [...c.parent, c.key];
  const description = descriptionAt(path);
  const parts = description ? [`**${path.join(".")}**\n\n${description}`] : [];
  // On a resource's type: which provisioner it resolves to.
  if (c.where === "value" && path.length === 3 && path[0] === "resources" && path[2] === "type") {
    const info = resourceInfo(path[1]!, lookupOf(ctx, modelOf(ctx).raw));
    const p = info?.provisioner;
    if (p) parts.push(`provisioner \`${p.uri}\` (${p.file})${p.loaded?.spec.description ? `: ${p.loaded.spec.description}` : ""}`);
    else if (info?.type) parts.push(`no loaded provisioner provides type \`${info.type}\``);
  }
  return parts.length ? parts.join("\n\n") : undefined;
}

export function hover(ctx: FeatureContext, at: Position): Hover | null {
  const line = ctx.text.split(/\r?\n/)[at.line] ?? "";
  const parts = [placeholderHover(ctx, line, at) ?? schemaHover(ctx, at), diagnosticsHover(ctx, at)].filter((p): p is string => Boolean(p));
  if (!parts.length) return null;
  return { contents: { kind: "markdown", value: parts.join("\n\n---\n\n") } };
}
