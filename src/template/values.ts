/**
 * How JS values stand in for Go values.
 *
 * - `undefined` is Go's invalid reflect.Value (a missing map key): prints "<no value>".
 * - `null` is a nil interface/map/slice.
 * - numbers: integral values are Go `int`, others `float64` (JS cannot tell 1.0 from 1).
 *   Values produced from YAML by score tools are ints in Go too (yaml.v3), so this matches
 *   the usual data; `fromJson` results differ (Go makes every JSON number a float64).
 * - arrays are `[]interface {}`, plain objects are `map[string]interface {}`.
 */
export type Kind = "invalid" | "nil" | "bool" | "int" | "float" | "string" | "slice" | "map" | "func" | "other";

export function kindOf(v: unknown): Kind {
  if (v === undefined) return "invalid";
  if (v === null) return "nil";
  switch (typeof v) {
    case "boolean": return "bool";
    case "number": return Number.isInteger(v) && Math.abs(v as number) < 2 ** 63 ? "int" : "float";
    case "bigint": return "int";
    case "string": return "string";
    case "function": return "func";
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return "slice";
  if (isMap(v)) return "map";
  return "other";
}

export function isMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Go type name as printed by %T and in error messages. */
export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return "<nil>";
    case "bool": return "bool";
    case "int": return "int";
    case "float": return "float64";
    case "string": return "string";
    case "slice": return v instanceof Uint8Array ? "[]uint8" : "[]interface {}";
    case "map": return "map[string]interface {}";
    case "func": return "func(...interface {}) (interface {}, error)";
    default: return v instanceof Date ? "time.Time" : "struct {}";
  }
}

/** text/template truth: false, 0, nil, empty string/slice/map are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return false;
    case "bool": return v as boolean;
    case "int":
    case "float": return typeof v === "bigint" ? v !== 0n : v !== 0;
    case "string": return (v as string).length > 0;
    case "slice": return (v as unknown[]).length > 0;
    case "map": return Object.keys(v as object).length > 0;
    default: return true;
  }
}

export function sortedKeys(m: Record<string, unknown>): string[] {
  // Go sorts string map keys by byte order; for BMP text UTF-16 order agrees.
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function hasOwn(m: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}
