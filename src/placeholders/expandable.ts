// Where the Score specification expands placeholders: container variables, file content (unless
// noExpand or binaryContent), volume source, and resource params (recursively). One walker, so the
// checks and the compiler agree on the places.
import type { ScoreWorkload } from "../generated/score.js";
import { toPointer } from "../parse/source-file.js";

export type ExpansionContext = "variable" | "file" | "volume" | "param";

export interface Expandable {
  readonly pointer: string;
  readonly value: string;
  readonly context: ExpansionContext;
  /** Resource name, for params. */
  readonly resource?: string;
}

/**
 * The pointer is built only when asked for (a finding, a write-back): almost every expandable string is
 * fine, and escaping thousands of paths that are never reported was a large part of the check stage.
 */
class LazyPointerExpandable implements Expandable {
  private path: readonly (string | number)[] | undefined;
  private built: string | undefined;
  constructor(
    path: readonly (string | number)[],
    readonly value: string,
    readonly context: ExpansionContext,
    readonly resource?: string,
  ) {
    this.path = path;
  }
  get pointer(): string {
    if (this.built === undefined) {
      this.built = toPointer(this.path!);
      this.path = undefined;
    }
    return this.built;
  }
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
    const vars = c.variables;
    if (vars) for (const k of Object.keys(vars).sort()) out.push(new LazyPointerExpandable(["containers", cname, "variables", k], vars[k]!, "variable"));
    const files = c.files as Record<string, { content?: string; noExpand?: boolean; binaryContent?: string }> | undefined;
    if (files)
      for (const t of Object.keys(files).sort()) {
        const f = files[t]!;
        if (typeof f.content === "string" && !f.noExpand && f.binaryContent === undefined)
          out.push(new LazyPointerExpandable(["containers", cname, "files", t, "content"], f.content, "file"));
      }
    const vols = c.volumes as Record<string, { source?: string }> | undefined;
    if (vols)
      for (const t of Object.keys(vols).sort()) {
        const v = vols[t]!;
        if (typeof v.source === "string") out.push(new LazyPointerExpandable(["containers", cname, "volumes", t, "source"], v.source, "volume"));
      }
  }
  const resources = spec.resources;
  if (resources)
    for (const rname of Object.keys(resources).sort()) {
      const params = resources[rname]!.params;
      if (params) walkParams(params, ["resources", rname, "params"], rname, out);
    }
  return out;
}

function walkParams(v: unknown, path: (string | number)[], resource: string, out: Expandable[]): void {
  if (typeof v === "string") out.push(new LazyPointerExpandable(path, v, "param", resource));
  else if (Array.isArray(v)) v.forEach((x, i) => walkParams(x, [...path, i], resource, out));
  else if (v && typeof v === "object") for (const k of Object.keys(v).sort()) walkParams((v as Record<string, unknown>)[k], [...path, k], resource, out);
}
