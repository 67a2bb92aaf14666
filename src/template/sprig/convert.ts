/** Conversions shared by sprig functions (sprig's strval/strslice and spf13/cast rules). */
import { formatValue } from "../format.js";
import { goTypeName, isTrue, kindOf } from "../values.js";

/** sprig strval: strings as is, everything else as fmt's %v. */
export function strval(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error) return v.message;
  return formatValue(v);
}

/** sprig strslice: a list's non-nil elements as strings; nil → []; scalar → [strval]. */
export function strslice(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  return [strval(v)];
}

/** sprig empty(): Go zero values and empty collections. */
export function empty(v: unknown): boolean {
  return !isTrue(v);
}

function trimZeroDecimal(s: string): string {
  // cast strips a ".000" suffix so "3.0" converts to 3.
  const m = /^(.*?)\.0*$/.exec(s);
  return m && m[1] !== "" && !/[eE]/.test(s) ? m[1]! : s;
}

/** strconv.ParseInt(s, 0, 64) (base prefixes, underscores with prefix). */
export function parseIntBase0(s: string): number | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  let body = m[2]!;
  const hasPrefix = /^0[xXbBoO]/.test(body) || (body.length > 1 && body.startsWith("0"));
  if (body.includes("_") && !hasPrefix) return null;
  body = body.replace(/_/g, "");
  let v: bigint;
  if (/^0[0-7]+$/.test(body)) v = BigInt("0o" + body.slice(1));
  else v = BigInt(body.toLowerCase());
  if (m[1] === "-") v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return Number(v);
}

/** cast.ToInt64: numbers truncate, strings parse (base 0), bools 1/0, failures 0. */
export function toInt64(v: unknown): number {
  switch (kindOf(v)) {
    case "int": return Number(v);
    case "float": return Math.trunc(v as number);
    case "bool": return v ? 1 : 0;
    case "string": return parseIntBase0(trimZeroDecimal(v as string)) ?? 0;
    default: return 0;
  }
}

/** cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  switch (kindOf(v)) {
    case "int":
    case "float": return Number(v);
    case "bool": return v ? 1 : 0;
    case "string": {
      const s = v as string;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(s)) return 0;
      if (/nan/i.test(s)) return NaN;
      if (/inf/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
      return Number(s);
    }
    default: return 0;
  }
}

/** Go's reflect.DeepEqual over the JS value model. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  if (ka === "slice") {
    const x = a as unknown[], y = b as unknown[];
    return x.length === y.length && x.every((e, i) => deepEqual(e, y[i]));
  }
  if (ka === "map") {
    const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
    const kx = Object.keys(x), ky = Object.keys(y);
    return kx.length === ky.length && kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqual(x[k], y[k]));
  }
  return false;
}

export function requireList(v: unknown, what: string): unknown[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new Error(`Cannot ${what} on type ${goTypeName(v)}`);
  return v;
}
