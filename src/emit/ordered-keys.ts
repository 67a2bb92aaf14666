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

/** The object's defined keys: known keys in `keyOrder(path)` order, then the rest sorted. */
export function orderedKeys(obj: Record<string, unknown>, path: readonly string[], keyOrder: KeyOrder | undefined): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  const known = keyOrder?.([...path]); // a copy: the callback cannot disturb the walk
  // Most maps (user maps) have no known keys: one sort, no sets.
  if (!known?.length) return keys.sort(compareKeys);
  const present = new Set(keys);
  const first = new Set<string>();
  for (const k of known) if (present.has(k)) first.add(k);
  const rest = keys.filter((k) => !first.has(k)).sort(compareKeys);
  return [...first, ...rest];
}

/** The object's defined entries, in orderedKeys order. */
export function orderedEntries(
  obj: Record<string, unknown>,
  path: readonly string[],
  keyOrder: KeyOrder | undefined,
): [string, unknown][] {
  return orderedKeys(obj, path, keyOrder).map((k) => [k, obj[k]]);
}
