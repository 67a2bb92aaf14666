// score-compose's --overrides-file (a JSON merge patch, RFC 7386: null removes) and --override-property
// (`path=value`, dotted path with `\.` for a literal dot, YAML value, empty value removes), applied to the
// Score document before validation, so the result is validated like any workload.
import { parse } from "yaml";

export type Override = { kind: "patch"; patch: unknown } | { kind: "property"; path: string[]; value?: unknown };

export function parseOverrideProperty(spec: string): Override | string {
  const eq = spec.indexOf("=");
  if (eq <= 0) return `--override-property takes path=value, got "${spec}"`;
  const path = splitPath(spec.slice(0, eq));
  if (path.some((p) => p === "")) return `--override-property path "${spec.slice(0, eq)}" has an empty segment`;
  const text = spec.slice(eq + 1);
  if (text === "") return { kind: "property", path };
  let value: unknown;
  try {
    value = parse(text, { schema: "core" });
  } catch {
    value = text;
  }
  return { kind: "property", path, value };
}

function splitPath(p: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\" && p[i + 1] === ".") {
      cur += ".";
      i++;
    } else if (p[i] === ".") {
      out.push(cur);
      cur = "";
    } else cur += p[i];
  }
  out.push(cur);
  return out;
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export function applyOverrides(doc: Record<string, unknown>, overrides: readonly Override[]): Record<string, unknown> {
  let cur: Record<string, unknown> = structuredClone(doc);
  for (const o of overrides) {
    if (o.kind === "patch") {
      cur = mergePatch(cur, o.patch) as Record<string, unknown>;
      continue;
    }
    let node: Record<string, unknown> = cur;
    for (const k of o.path.slice(0, -1)) {
      if (!node[k] || typeof node[k] !== "object") node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    const last = o.path[o.path.length - 1]!;
    if (o.value === undefined) delete node[last];
    else node[last] = o.value;
  }
  return cur;
}
