// Where the Score specification expands placeholders: container variables, file content (unless
// noExpand or binaryContent), volume source, and resource params (recursively). One walker, so the
// checks and the compiler agree on the places.
import type { ScoreWorkload } from "../generated/score.js";
import { toPointer } from "../parse/source-file.js";

export type ExpansionContext = "variable" | "file" | "volume" | "param";

export interface Expandable {
  pointer: string;
  value: string;
  context: ExpansionContext;
  /** Resource name, for params. */
  resource?: string;
}

const cache = new WeakMap<ScoreWorkload, Expandable[]>();

/** The expandable strings of a (normalised, no longer changing) spec; computed once per spec. */
export function expandables(spec: ScoreWorkload): Expandable[] {
  let out = cache.get(spec);
  if (!out) cache.set(spec, (out = collect(spec)));
  return out;
}

function collect(spec: ScoreWorkload): Expandable[] {
  const out: Expandable[] = [];
  for (const cname of Object.keys(spec.containers).sort()) {
    const c = spec.containers[cname]!;
    for (const k of Object.keys(c.variables ?? {}).sort()) {
      out.push({ pointer: toPointer(["containers", cname, "variables", k]), value: c.variables![k]!, context: "variable" });
    }
    const files = (c.files ?? {}) as Record<string, { content?: string; noExpand?: boolean; binaryContent?: string }>;
    for (const t of Object.keys(files).sort()) {
      const f = files[t]!;
      if (typeof f.content === "string" && !f.noExpand && f.binaryContent === undefined)
        out.push({ pointer: toPointer(["containers", cname, "files", t, "content"]), value: f.content, context: "file" });
    }
    const vols = (c.volumes ?? {}) as Record<string, { source?: string }>;
    for (const t of Object.keys(vols).sort()) {
      const v = vols[t]!;
      if (typeof v.source === "string") out.push({ pointer: toPointer(["containers", cname, "volumes", t, "source"]), value: v.source, context: "volume" });
    }
  }
  for (const rname of Object.keys(spec.resources ?? {}).sort()) {
    const params = spec.resources![rname]!.params;
    if (params) walkParams(params, ["resources", rname, "params"], rname, out);
  }
  return out;
}

function walkParams(v: unknown, path: (string | number)[], resource: string, out: Expandable[]): void {
  if (typeof v === "string") out.push({ pointer: toPointer(path), value: v, context: "param", resource });
  else if (Array.isArray(v)) v.forEach((x, i) => walkParams(x, [...path, i], resource, out));
  else if (v && typeof v === "object") for (const k of Object.keys(v).sort()) walkParams((v as Record<string, unknown>)[k], [...path, k], resource, out);
}
