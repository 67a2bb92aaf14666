// score-compose's --overrides-file (a JSON merge patch, RFC 7386: null removes) and --override-property
// (`path=value`, dotted path with `\.` for a literal dot, YAML value, empty value removes), applied to the
// Score document before validation, so the result is validated like any workload.
// Paths and patch keys come from the command line and user files: `__proto__`, `constructor` and
// `prototype` segments are refused (they would reach Object.prototype), and every write defines an own
// property, so no override can change another object than the workload.
import { parse } from "yaml";
import { ownValue, setOwn } from "../data/deep-merge.js";

export type Override = { kind: "patch"; patch: unknown } | { kind: "property"; path: string[]; value?: unknown };

export function parseOverrideProperty(spec: string): Override | string {
  const eq = spec.indexOf("=");
  if (eq <= 0) return `--override-property takes path=value, got "${spec}"`;
  const path = splitPath(spec.slice(0, eq));
  if (path.some((p) => p === "")) return `--override-property path "${spec.slice(0, eq)}" has an empty segment`;
  const bad = path.findIndex(isForbiddenKey);
  if (bad >= 0) {
    const column = spec.indexOf(path[bad]!) + 1;
    return `--override-property "${spec}": character ${column}: segment "${path[bad]}" is not allowed (${FORBIDDEN_WHY})`;
  }
  const text = spec.slice(eq + 1);
  if (text === "") return { kind: "property", path };
  let value: unknown;
  try {
    value = parse(text, { schema: "core", logLevel: "error" }); // no process warning on stderr for odd keys
  } catch {
    value = text;
  }
  return { kind: "property", path, value };
}

/** Keys that name JavaScript object internals rather than data. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const FORBIDDEN_WHY = "__proto__, constructor and prototype are refused as override keys";
export const isForbiddenKey = (k: string): boolean => FORBIDDEN_KEYS.has(k);

/** The key path to the first forbidden key of a merge patch (depth first, in document order), if any. */
export function forbiddenPatchKey(patch: unknown, at: string[] = []): string[] | undefined {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (isForbiddenKey(k)) return [...at, k];
    const deeper = forbiddenPatchKey(v, [...at, k]);
    if (deeper) return deeper;
  }
  return undefined;
}

export function forbiddenKeyMessage(key: string): string {
  return `key "${key}" is not allowed (${FORBIDDEN_WHY})`;
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
    if (isForbiddenKey(k)) throw new Error(forbiddenKeyMessage(k));
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch(ownValue(out, k), v));
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
    const bad = o.path.find(isForbiddenKey);
    if (bad !== undefined) throw new Error(forbiddenKeyMessage(bad));
    let node: Record<string, unknown> = cur;
    for (const k of o.path.slice(0, -1)) {
      const next = ownValue(node, k);
      if (!next || typeof next !== "object") setOwn(node, k, {});
      node = ownValue(node, k) as Record<string, unknown>;
    }
    const last = o.path[o.path.length - 1]!;
    if (o.value === undefined) delete node[last];
    else setOwn(node, last, o.value);
  }
  return cur;
}
