// Go fmt's integer verbs (fmtInteger in fmt/format.go), shared by Rego's sprintf and text/template's printf.
// %c, %q and %U are left to the engines: they need each engine's own rune quoting and big-int rules.
import { pad, signed, type FormatSpec } from "./spec.js";

const BASES: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };

/** %d %v %b %o %O %x %X of an integer, padded; undefined for any other verb. */
export function formatInteger(v: bigint, verb: string, sp: FormatSpec): string | undefined {
  const base = BASES[verb];
  if (base === undefined) return undefined;
  const neg = v < 0n;
  const abs = neg ? -v : v;
  // Two ways to ask for leading zero digits: %.3d and %03d. A precision wins and pads with spaces;
  // %.0d of zero prints nothing but the padding.
  let prec = 0;
  if (sp.prec !== undefined) {
    prec = sp.prec;
    if (prec === 0 && abs === 0n) return pad("", sp, false);
  } else if (sp.zero && !sp.minus && sp.width !== undefined) {
    prec = sp.width;
    if (neg || sp.plus || sp.space) prec--; // leave room for the sign
  }
  let s = abs.toString(base);
  if (verb === "X") s = s.toUpperCase();
  s = s.padStart(prec, "0");
  if (sp.sharp) {
    if (base === 2) s = "0b" + s;
    else if (base === 8 && s[0] !== "0") s = "0" + s;
    else if (base === 16) s = (verb === "X" ? "0X" : "0x") + s;
  }
  if (verb === "O") s = "0o" + s;
  // Zero padding was done above as precision (or is ignored because of one).
  return pad(signed(s, neg, sp), sp, false);
}
