// Rule metadata for bundle entrypoints. `opa build` copies the METADATA annotations of each entrypoint
// rule into the manifest's `wasm` entries (`annotations: [{scope, title, custom, location, …}]`); a
// hand-made bundle may instead put them under `metadata.annotations["main/deny"]`.
import type { RuleAnnotations } from "../backend.js";
import type { BundleManifest } from "./bundle.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fromOpaAnnotation(a: Record<string, unknown>): RuleAnnotations {
  const out: RuleAnnotations = {};
  if (typeof a.title === "string") out.title = a.title;
  if (typeof a.description === "string") out.description = a.description;
  if (isObject(a.custom)) out.custom = a.custom;
  if (Array.isArray(a.related_resources)) {
    const refs = a.related_resources.map((r) => (isObject(r) ? r.ref : r)).filter((r): r is string => typeof r === "string");
    if (refs.length) out.relatedResources = refs;
  }
  if (isObject(a.location)) {
    if (typeof a.location.file === "string") out.file = a.location.file;
    if (typeof a.location.row === "number") out.line = a.location.row;
  }
  return out;
}

// The rule's own annotation describes it better than its package's, which describes it better than
// the document's.
const SCOPE_RANK: Record<string, number> = { rule: 0, document: 1, package: 2, subpackages: 3 };

export function entrypointAnnotations(manifest: BundleManifest | undefined, entrypoint: string): RuleAnnotations | undefined {
  const listed = (manifest?.wasm ?? [])
    .filter((w) => w.entrypoint === entrypoint)
    .flatMap((w) => w.annotations ?? [])
    .filter(isObject)
    .sort((a, b) => (SCOPE_RANK[String(a.scope)] ?? 9) - (SCOPE_RANK[String(b.scope)] ?? 9));
  if (listed.length) return fromOpaAnnotation(listed[0]!);
  const meta = manifest?.metadata?.annotations;
  if (isObject(meta) && isObject(meta[entrypoint])) return fromOpaAnnotation(meta[entrypoint]);
  return undefined;
}
