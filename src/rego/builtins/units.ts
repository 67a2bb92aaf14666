// units.parse (SI and binary prefixes, `m` is milli) and units.parse_bytes (integer byte counts).
import { num } from "../value.js";
import { def, fail, str } from "./args.js";
import { decimalToNumber, decimalTrunc, mulDecimal, parseDecimal, type Decimal } from "./decimal.js";
import type { BuiltinDef } from "./types.js";

const pow = (base: bigint, n: number): Decimal => ({ m: base ** BigInt(n), e: 0 });
const dec = (e: number): Decimal => ({ m: 1n, e });

/** Lower-cased prefix → multiplier (the caller handles `m` = milli vs `M` = mega). */
const prefixes: Record<string, Decimal> = {
  "": dec(0),
  k: dec(3),
  ki: pow(2n, 10),
  m: dec(6),
  mi: pow(2n, 20),
  g: dec(9),
  gi: pow(2n, 30),
  t: dec(12),
  ti: pow(2n, 40),
  p: dec(15),
  pi: pow(2n, 50),
  e: dec(18),
  ei: pow(2n, 60),
};

/** Guard against exponents that would build astronomically large integers. */
const MAX_EXPONENT = 1000;

/** Split "1.5e3Ki" into number text and unit; an `e` counts as exponent only when digits follow. */
function split(s: string): [string, string] {
  // An `e` starts an exponent only when a digit or sign follows ("10e" is 10 exa, "1e+K" is malformed).
  const m = /^[+-]?[0-9.]*(?:[eE](?=[0-9+-])[+-]?[0-9]*)?/.exec(s)!;
  return [m[0], s.slice(m[0].length)];
}

function parseAmount(name: string, raw: string, bytes: boolean): [Decimal, string] {
  const s = raw.replaceAll('"', "");
  if (/\s/.test(s)) throw fail(name, "spaces not allowed in resource strings");
  const [numText, unit] = split(s);
  if (numText === "") throw fail(name, bytes ? "no byte amount provided" : "no amount provided");
  const d = parseDecimal(numText);
  if (!d) throw fail(name, bytes ? "could not parse byte amount to a number" : "could not parse amount to a number");
  if (Math.abs(d.e) > MAX_EXPONENT) throw fail(name, "exponent too large");
  return [d, unit];
}

export const unitBuiltins: BuiltinDef[] = [
  def("units.parse", ["string"], "number", (args) => {
    const [d, unit] = parseAmount("units.parse", str("units.parse", args, 0), false);
    const mult = unit === "m" ? dec(-3) : prefixes[unit.toLowerCase()];
    if (!mult) throw fail("units.parse", `unit ${unit} not recognized`);
    return decimalToNumber(mulDecimal(d, mult));
  }),
  def("units.parse_bytes", ["string"], "number", (args) => {
    const [d, unit] = parseAmount("units.parse_bytes", str("units.parse_bytes", args, 0), true);
    let u = unit.toLowerCase();
    if (u.endsWith("b")) u = u.slice(0, -1);
    const mult = prefixes[u];
    if (!mult) throw fail("units.parse_bytes", `byte unit ${unit} not recognized`);
    return num(decimalTrunc(mulDecimal(d, mult)));
  }),
];
