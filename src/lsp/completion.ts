// Completion: schema keys not yet present at the cursor's path, allowed values (schema enums, resource
// types from the loaded provisioners), and inside `${…}`: metadata keys, resource names and the outputs
// of `resources.NAME.`.
import { CompletionItemKind, type CompletionItem, type Position } from "vscode-languageserver/node.js";
import { asRecord } from "./doc-model.js";
import { lookupOf, modelOf, type FeatureContext } from "./feature-context.js";
import { openPlaceholderBefore } from "./placeholder-at.js";
import { provisionerTypes, resourceInfo, resourceNames } from "./resource-info.js";
import { enumAt, propertiesAt } from "./schema-info.js";
import { cursorContext } from "./yaml-cursor.js";

function placeholderItems(ctx: FeatureContext, segments: string[]): CompletionItem[] {
  const raw = modelOf(ctx).raw;
  const done = segments.slice(0, -1);
  if (done.length === 0) {
    return [
      { label: "metadata", kind: CompletionItemKind.Module, detail: "workload metadata", commitCharacters: ["."] },
      { label: "resources", kind: CompletionItemKind.Module, detail: "resource outputs", commitCharacters: ["."] },
    ];
  }
  if (done[0] === "metadata" && done.length === 1) {
    return Object.entries(asRecord(raw.metadata)).map(([k, v]) => ({ label: k, kind: CompletionItemKind.Property, detail: typeof v === "string" ? v : undefined }));
  }
  if (done[0] === "resources" && done.length === 1) {
    const lookup = lookupOf(ctx, raw);
    return resourceNames(raw).map((name) => {
      const info = resourceInfo(name, lookup);
      return { label: name, kind: CompletionItemKind.Variable, detail: info?.type ? `resource of type ${info.type}` : "resource", commitCharacters: ["."] };
    });
  }
  if (done[0] === "resources" && done.length === 2) {
    const info = resourceInfo(done[1]!, lookupOf(ctx, raw));
    return (info?.outputs ?? []).map((o) => ({
      label: o,
      kind: CompletionItemKind.Field,
      detail: info!.provisioned ? `output of ${info!.type}` : `declared output of ${info!.type}`,
    }));
  }
  return [];
}

function valueItems(ctx: FeatureContext, path: string[]): CompletionItem[] {
  if (path.length === 3 && path[0] === "resources" && path[2] === "type") {
    return [...provisionerTypes(ctx.assets?.provisioners.provisioners ?? [])].map(([type, p]) => ({
      label: type,
      kind: CompletionItemKind.EnumMember,
      detail: p.spec.uri,
      documentation: p.spec.description,
    }));
  }
  return enumAt(path).map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember }));
}

export function completion(ctx: FeatureContext, at: Position): CompletionItem[] {
  const line = ctx.text.split(/\r?\n/)[at.line] ?? "";
  const open = openPlaceholderBefore(line, at.character);
  if (open) return placeholderItems(ctx, open.segments);
  const c = cursorContext(ctx.text, at.line, at.character);
  if (c.where === "value") return valueItems(ctx, [...c.parent, c.key!]);
  const present = new Set(c.siblings);
  return propertiesAt(c.parent)
    .filter((p) => !present.has(p.name))
    .map((p) => ({
      label: p.name,
      kind: CompletionItemKind.Property,
      detail: p.required ? "required" : undefined,
      documentation: p.description,
      // Objects and lists continue on the next line; scalars on the same one.
      insertText: p.type === "object" || p.type === "array" ? `${p.name}:\n` : `${p.name}: `,
      sortText: `${p.required ? "0" : "1"}${p.name}`,
    }));
}
