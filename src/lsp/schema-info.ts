// Score schema lookups for hover and completion: the sub-schema at a path, its description, the
// properties it allows. `$ref`s are followed and `oneOf`/`anyOf` alternatives are merged, because the
// editor wants "what could go here", not validation.
import { readPackageJson } from "../package-root.js";

type Schema = Record<string, unknown>;

let root: Schema | undefined;
function scoreSchema(): Schema {
  return (root ??= readPackageJson("schemas/score-v1b1.json"));
}

function deref(s: Schema | undefined): Schema | undefined {
  let cur = s;
  for (let n = 0; cur && typeof cur.$ref === "string" && n < 16; n++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith("#/")) return undefined;
    let target: unknown = scoreSchema();
    for (const seg of ref.slice(2).split("/")) target = (target as Schema | undefined)?.[seg];
    // A $ref with siblings (e.g. its own description) keeps them over the target's.
    const { $ref: _ignored, ...rest } = cur;
    cur = { ...(target as Schema), ...rest };
  }
  return cur;
}

/** The schema and the alternatives of its oneOf/anyOf, each dereferenced. */
function variants(s: Schema | undefined): Schema[] {
  const d = deref(s);
  if (!d) return [];
  const alts = [...((d.oneOf as Schema[]) ?? []), ...((d.anyOf as Schema[]) ?? [])];
  return [d, ...alts.flatMap((a) => variants(a))];
}

function child(s: Schema, seg: string): Schema | undefined {
  for (const v of variants(s)) {
    const props = v.properties as Record<string, Schema> | undefined;
    if (props?.[seg]) return deref(props[seg]);
  }
  for (const v of variants(s)) {
    if (/^\d+$/.test(seg) && v.items && typeof v.items === "object") return deref(v.items as Schema);
    if (v.additionalProperties && typeof v.additionalProperties === "object") return deref(v.additionalProperties as Schema);
  }
  return undefined;
}

/** Sub-schema at a path of keys (sequence items as their index), or undefined when the schema has none. */
export function schemaAt(path: readonly string[]): Schema | undefined {
  let s: Schema | undefined = deref(scoreSchema());
  for (const seg of path) {
    if (!s) return undefined;
    s = child(s, seg);
  }
  return s;
}

export function descriptionAt(path: readonly string[]): string | undefined {
  for (const v of variants(schemaAt(path))) if (typeof v.description === "string") return v.description;
  return undefined;
}

export interface PropertyInfo {
  name: string;
  description?: string;
  required: boolean;
  /** The property's JSON type when it is one ("object", "string", "array" …). */
  type?: string;
  enum?: unknown[];
}

/** Named properties allowed at a path (empty for free-form maps such as `containers`). */
export function propertiesAt(path: readonly string[]): PropertyInfo[] {
  const out = new Map<string, PropertyInfo>();
  for (const v of variants(schemaAt(path))) {
    const required = new Set((v.required as string[]) ?? []);
    for (const [name, raw] of Object.entries((v.properties as Record<string, Schema>) ?? {})) {
      if (out.has(name)) continue;
      const p = variants(raw);
      const first = p[0] ?? {};
      const type = p.map((x) => x.type).find((t) => typeof t === "string") as string | undefined;
      const en = p.map((x) => x.enum).find(Array.isArray) as unknown[] | undefined;
      out.set(name, { name, description: p.map((x) => x.description).find((d) => typeof d === "string") as string | undefined, required: required.has(name), type, enum: en ?? (first.const !== undefined ? [first.const] : undefined) });
    }
  }
  return [...out.values()];
}

/** Allowed values at a path (enum or const), for value completion. */
export function enumAt(path: readonly string[]): unknown[] {
  const out: unknown[] = [];
  for (const v of variants(schemaAt(path))) {
    if (Array.isArray(v.enum)) out.push(...v.enum);
    if (v.const !== undefined) out.push(v.const);
  }
  return [...new Set(out)];
}
