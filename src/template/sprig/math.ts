/** sprig integer and float math (integer functions go through cast.ToInt64 like sprig). */
import { def, type FuncDef } from "../funcs.js";
import { toFloat64, toInt64 } from "./convert.js";

/** Go int64 arithmetic result; JS numbers keep 53 bits, enough for template arithmetic. */
const i64 = (n: number): number => (Object.is(n, -0) ? 0 : n);

function divInt(a: number, b: number): number {
  if (b === 0) throw new Error("runtime error: integer divide by zero");
  return i64(Math.trunc(a / b));
}

function modInt(a: number, b: number): number {
  if (b === 0) throw new Error("runtime error: integer divide by zero");
  return i64(a % b);
}

/** Float results must print like Go float64s even when integral, so keep them as numbers. */
const f = (xs: unknown[]): number[] => xs.map(toFloat64);

export const MATH_FUNCS: Record<string, FuncDef> = {
  add: def([], (...a) => a.reduce<number>((s, x) => s + toInt64(x), 0), "any"),
  add1: def(["any"], (a) => toInt64(a) + 1),
  sub: def(["any", "any"], (a, b) => toInt64(a) - toInt64(b)),
  mul: def(["any"], (a, ...r) => r.reduce<number>((s, x) => s * toInt64(x), toInt64(a)), "any"),
  div: def(["any", "any"], (a, b) => divInt(toInt64(a), toInt64(b))),
  mod: def(["any", "any"], (a, b) => modInt(toInt64(a), toInt64(b))),
  max: def(["any"], (a, ...r) => r.reduce<number>((m, x) => Math.max(m, toInt64(x)), toInt64(a)), "any"),
  biggest: def(["any"], (a, ...r) => r.reduce<number>((m, x) => Math.max(m, toInt64(x)), toInt64(a)), "any"),
  min: def(["any"], (a, ...r) => r.reduce<number>((m, x) => Math.min(m, toInt64(x)), toInt64(a)), "any"),
  addf: def([], (...a) => f(a).reduce((s, x) => s + x, 0), "any"),
  add1f: def(["any"], (a) => toFloat64(a) + 1),
  subf: def(["any"], (a, ...r) => f(r).reduce((s, x) => s - x, toFloat64(a)), "any"),
  mulf: def(["any"], (a, ...r) => f(r).reduce((s, x) => s * x, toFloat64(a)), "any"),
  divf: def(["any"], (a, ...r) => f(r).reduce((s, x) => s / x, toFloat64(a)), "any"),
  maxf: def(["any"], (a, ...r) => f(r).reduce((m, x) => Math.max(m, x), toFloat64(a)), "any"),
  minf: def(["any"], (a, ...r) => f(r).reduce((m, x) => Math.min(m, x), toFloat64(a)), "any"),
  floor: def(["any"], (a) => Math.floor(toFloat64(a))),
  ceil: def(["any"], (a) => Math.ceil(toFloat64(a))),
  round: def(["any", "int"], (a, p, ...r) => {
    const places = p as number;
    const half = r.length ? toFloat64(r[0]) : 0.5;
    const pow = Math.pow(10, places);
    const digit = toFloat64(a) * pow;
    const [, frac] = [Math.trunc(digit), digit - Math.trunc(digit)];
    const rounded = frac >= half ? Math.ceil(digit) : Math.floor(digit);
    return rounded / pow;
  }, "any"),
  int: def(["any"], (a) => toInt64(a)),
  int64: def(["any"], (a) => toInt64(a)),
  float64: def(["any"], (a) => toFloat64(a)),
  atoi: def(["string"], (s) => {
    // strconv.Atoi: base 10 only; sprig ignores the error and yields 0.
    const m = /^[+-]?\d+$/.exec(s as string);
    return m ? Number(s) : 0;
  }),
  toDecimal: def(["any"], (a) => {
    const s = typeof a === "string" ? a : String(a);
    const n = parseInt(s, 8);
    return Number.isNaN(n) || !/^[0-7]+$/.test(s) ? 0 : n;
  }),
};
