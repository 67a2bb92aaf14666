// Exact decimal numbers (mantissa × 10^exp) for parsing number text without float rounding,
// e.g. units.parse("0.0000005M") must be exactly 0.5.
import { num } from "../value.js";

export interface Decimal {
  m: bigint;
  e: number;
}

/** Parse `[+-]digits[.digits][e[+-]digits]`; undefined when malformed. */
export function parseDecimal(s: string): Decimal | undefined {
  const r = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!r || (r[2] === "" && (r[3] ?? "") === "")) return undefined;
  const frac = r[3] ?? "";
  const m = BigInt((r[1] === "-" ? "-" : "") + (r[2]! + frac || "0"));
  const exp = r[4] === undefined ? 0 : Number(r[4]);
  return { m, e: exp - frac.length };
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return { m: a.m * b.m, e: a.e + b.e };
}

/** The decimal as a Rego number: exact integer where integral, else the nearest float. */
export function decimalToNumber(d: Decimal): number | bigint {
  if (d.m === 0n) return 0;
  if (d.e >= 0) return num(d.m * 10n ** BigInt(d.e));
  const div = 10n ** BigInt(-d.e);
  if (d.m % div === 0n) return num(d.m / div);
  // Let the JS parser round the exact decimal text once.
  return Number(`${d.m}e${d.e}`);
}

/** Truncate toward zero to an integer. */
export function decimalTrunc(d: Decimal): bigint {
  if (d.e >= 0) return d.m * 10n ** BigInt(d.e);
  return d.m / 10n ** BigInt(-d.e);
}
