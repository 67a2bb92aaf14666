// Key order shared by the YAML and JSON writers. Output must not depend on the order in which an
// emitter happened to insert keys, so every map is reordered here: the caller's known keys first
// (in the caller's order), every other key in code-unit order (`a < b`, never localeCompare, which
// depends on the host's ICU data and locale).
import { byCodePoint } from "../diagnostics/diagnostic.js";

/**
 * Preferred order of the known keys of the map at `path` (the keys from the root; array indices as
 * decimal strings, e.g. ["services", "web", "volumes", "0"]). `undefined`: no known keys.
 */
export type KeyOrder = (path: string[]) => readonly string[] | undefined;

/** `a < b` order: UTF-16 code units, the same on every host (the project's one comparator). */
export const compareKeys = byCodePoint;

/** True for `{}`-style objects; the writers refuse class instances (Date, Map, Set…) so they fail loudly. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** The object's defined keys: known keys in `keyOrder(path)` order, then the rest sorted. */
export function orderedKeys(obj: Record<string, unknown>, path: readonly string[], keyOrder: KeyOrder | undefined): string[] {
  let keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    if (obj[keys[i]!] === undefined) {
      keys = keys.filter((k) => obj[k] !== undefined);
      break;
    }
  }
  // The walk's own path, not a copy (maps are many): KeyOrder callbacks only read it.
  const known = keyOrder?.(path as string[]);
  // Default sort order is UTF-16 code-unit order, compareKeys' order, without a call per comparison.
  if (!known?.length) return keys.sort();
  const first: string[] = [];
  for (const k of known) if (isEnumerable.call(obj, k) && obj[k] !== undefined && !first.includes(k)) first.push(k);
  if (first.length === keys.length) return first;
  const rest = keys.filter((k) => !first.includes(k)).sort();
  return first.length ? first.concat(rest) : rest;
}

/** The object's defined entries, in orderedKeys order. */
export function orderedEntries(
  obj: Record<string, unknown>,
  path: readonly string[],
  keyOrder: KeyOrder | undefined,
): [string, unknown][] {
  return orderedKeys(obj, path, keyOrder).map((k) => [k, obj[k]]);
}
