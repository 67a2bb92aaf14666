// Number helpers: integers stay exact (bigint when beyond 2^53, as OPA keeps arbitrary-precision integers);
// anything with a fraction is computed as a float64.
import { num } from "../value.js";

export type Num = number | bigint;

export function isInt(n: Num): boolean {
  return typeof n === "bigint" || Number.isInteger(n);
}
export function big(n: Num): bigint {
  return typeof n === "bigint" ? n : BigInt(n);
}
export function float(n: Num): number {
  return typeof n === "bigint" ? Number(n) : n;
}

function safe(n: number): boolean {
  return Number.isSafeInteger(n);
}

export function add(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (!(safe(a) && safe(b)) || safe(r)) return r;
  }
  if (isInt(a) && isInt(b)) return num(big(a) + big(b));
  return float(a) + float(b);
}
export function sub(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (!(safe(a) && safe(b)) || safe(r)) return r;
  }
  if (isInt(a) && isInt(b)) return num(big(a) - big(b));
  return float(a) - float(b);
}
export function mul(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (!(safe(a) && safe(b)) || safe(r)) return r;
  }
  if (isInt(a) && isInt(b)) return num(big(a) * big(b));
  return float(a) * float(b);
}
/** Division; the caller checks for a zero divisor. Exact integer result when it divides evenly. */
export function div(a: Num, b: Num): Num {
  if (isInt(a) && isInt(b)) {
    const x = big(a);
    const y = big(b);
    if (x % y === 0n) return num(x / y);
  }
  return float(a) / float(b);
}
export function isZero(n: Num): boolean {
  return typeof n === "bigint" ? n === 0n : n === 0;
}
export function neg(a: Num): Num {
  return typeof a === "bigint" ? num(-a) : a === 0 ? 0 : -a;
}
export function sign(a: Num): number {
  return typeof a === "bigint" ? (a < 0n ? -1 : a > 0n ? 1 : 0) : Math.sign(a);
}
/** An integral value as a safe JS integer, or undefined when it is not one. */
export function toSafeInt(n: Num): number | undefined {
  if (typeof n === "bigint") return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}
