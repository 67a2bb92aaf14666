// Splits a resolved variable / file content back into what came from the Score file (literal text,
// `${metadata…}`) and what came from a resource output. Targets need the split the resolved string has
// lost: Helm carries secret outputs as Secret references, Terraform escapes literal `${` but not the
// Terraform references its provisioners output.
import { parsePlaceholders } from "../placeholders/parse-placeholders.js";
import { lookup } from "../placeholders/substitute.js";
import type { ProvisionedResource, ResolvedWorkload } from "./target.js";

export type ValuePart =
  | { kind: "text"; text: string }
  | {
      kind: "output";
      /** Resource name as in the Score file, its uid, and the output path below it (["password"]). */
      resource: string;
      uid: string;
      path: string[];
      text: string;
    };

function asText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * `raw` is the text as written in the Score file, `resolved` what the core made of it. When the two
 * cannot be lined up (no raw text, a dynamic output we cannot recompute) the whole value is one text part:
 * the safe direction for both users (nothing is treated as a reference that was not one).
 */
export function valueParts(raw: string | undefined, resolved: string, w: ResolvedWorkload, byUid: ReadonlyMap<string, ProvisionedResource>): ValuePart[] {
  const whole: ValuePart[] = resolved === "" ? [] : [{ kind: "text", text: resolved }];
  if (raw === undefined) return whole;
  const { segments, errors } = parsePlaceholders(raw);
  if (errors.length) return whole;
  const parts: ValuePart[] = [];
  let pos = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === "text") last.text += text;
    else parts.push({ kind: "text", text });
  };
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.kind === "text") {
      if (!resolved.startsWith(seg.text, pos)) return whole;
      pushText(seg.text);
      pos += seg.text.length;
      continue;
    }
    const [root, name, ...path] = seg.path;
    if (root === "metadata") {
      const found = lookup(w.spec.metadata, seg.path.slice(1));
      if (!found.found) return whole;
      const text = asText(found.value);
      if (!resolved.startsWith(text, pos)) return whole;
      pushText(text);
      pos += text.length;
      continue;
    }
    if (root !== "resources" || name === undefined || path.length === 0) return whole;
    const uid = w.resources[name];
    const res = uid ? byUid.get(uid) : undefined;
    if (!uid || !res) return whole;
    const found = lookup(res.outputs, path);
    let text: string;
    if (found.found) text = asText(found.value);
    else {
      // A dynamic output (the environment resource): the resolved text up to the next literal is its value.
      const next = segments[i + 1];
      const end = next?.kind === "text" ? resolved.indexOf(next.text, pos) : next === undefined ? resolved.length : -1;
      if (end < 0) return whole;
      text = resolved.slice(pos, end);
    }
    if (!resolved.startsWith(text, pos)) return whole;
    if (text) parts.push({ kind: "output", resource: name, uid, path, text });
    pos += text.length;
  }
  return pos === resolved.length ? parts : whole;
}

/** The raw (unresolved) text of a container variable or file content, from the normalised spec. */
export function rawVariable(w: ResolvedWorkload, container: string, name: string): string | undefined {
  const v = w.spec.containers[container]?.variables?.[name];
  return typeof v === "string" ? v : undefined;
}

export function rawFileContent(w: ResolvedWorkload, container: string, target: string): string | undefined {
  const files = w.spec.containers[container]?.files as unknown;
  if (!files || typeof files !== "object") return undefined;
  const f = Array.isArray(files)
    ? (files as { target?: string; content?: unknown }[]).find((x) => x.target === target)
    : (files as Record<string, { content?: unknown }>)[target];
  return typeof f?.content === "string" ? f.content : undefined;
}
