// Go's float formatting: strconv.FormatFloat for verbs e E f F g G, and fmt's sign, Inf/NaN and padding rules on
// top of it. Shared by Rego's sprintf and text/template's printf (and sprig's JSON number output).
import { pad, type FormatSpec } from "./spec.js";

/** Significant decimal digits (no trailing zeros) and decimal-point position of a number. */
interface Digits {
  digits: string;
  dp: number;
}

/**
 * toExponential, except exact ties round to even as Go's strconv does (0.125 → "1.2e-1"); JS rounds ties up.
 * A tie needs an exact decimal expansion, which toExponential with extra digits reveals.
 */
function toExponentialHalfEven(x: number, frac: number): string {
  const s = x.toExponential(frac);
  const extra = Math.min(frac + 30, 100);
  if (extra <= frac) return s;
  const m = /^(\d)\.(\d+)e([+-]\d+)$/.exec(x.toExponential(extra))!;
  const all = m[1]! + m[2]!;
  if (!/^50*$/.test(all.slice(frac + 1)) || Number(all[frac]) % 2 === 1) return s;
  return all[0]! + (frac > 0 ? "." + all.slice(1, frac + 1) : "") + "e" + m[3]!;
}

/** Digits of |f|, shortest that round-trip (prec < 0) or rounded to `prec` significant digits. */
function decimalDigits(f: number, prec: number): Digits {
  if (f === 0) return { digits: "0", dp: 1 };
  const x = Math.abs(f);
  const s = prec < 0 ? x.toExponential() : toExponentialHalfEven(x, Math.max(prec - 1, 0));
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = (m[1]! + (m[2] ?? "")).replace(/0+$/, "") || "0";
  return { digits, dp: Number(m[3]) + 1 };
}

function fmtE(d: Digits, prec: number, e: string): string {
  let s = d.digits[0]!;
  if (prec > 0) s += "." + d.digits.slice(1, 1 + prec).padEnd(prec, "0");
  const exp = d.digits === "0" ? 0 : d.dp - 1;
  return s + e + (exp < 0 ? "-" : "+") + Math.abs(exp).toString().padStart(2, "0");
}

function fmtF(d: Digits, prec: number): string {
  const int = d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, "0") : "0";
  let frac = "";
  for (let i = 0; i < prec; i++) {
    const j = d.dp + i;
    frac += j >= 0 && j < d.digits.length ? d.digits[j] : "0";
  }
  return int + (prec > 0 ? "." + frac : "");
}

/**
 * toFixed, except exact ties round to even as Go's strconv does (2.5 → "2"); JS rounds ties up.
 * A tie needs an exact decimal expansion, which toFixed with extra digits reveals.
 */
function toFixedHalfEven(x: number, prec: number): string {
  const extra = Math.min(prec + 30, 100);
  const ext = x.toFixed(extra);
  const cut = ext.length - (extra - prec);
  if (!/^50*$/.test(ext.slice(cut))) return x.toFixed(prec);
  let head = ext.slice(0, cut);
  if (head.endsWith(".")) head = head.slice(0, -1);
  // odd: rounding up (away from zero) is also half-even here
  return Number(head[head.length - 1]) % 2 === 0 ? head : x.toFixed(prec);
}

/** strconv.FormatFloat(f, verb, prec, 64) for verbs e, E, f, F, g, G (prec -1 = shortest). */
export function formatFloat(f: number, verb: string, prec: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  const sign = f < 0 || Object.is(f, -0) ? "-" : "";
  switch (verb) {
    case "e":
    case "E": {
      const d = decimalDigits(f, prec < 0 ? -1 : prec + 1);
      return sign + fmtE(d, prec < 0 ? d.digits.length - 1 : prec, verb);
    }
    case "f":
    case "F": {
      if (prec < 0) {
        const d = decimalDigits(f, -1);
        return sign + fmtF(d, Math.max(d.digits.length - d.dp, 0));
      }
      const a = Math.abs(f);
      return sign + (a < 1e21 ? toFixedHalfEven(a, Math.min(prec, 100)) : fmtF(decimalDigits(f, -1), prec));
    }
    default: {
      // %g: %e when the exponent is < -4 or >= the precision (6 for shortest), else %f; no trailing zeros.
      const shortest = prec < 0;
      if (prec === 0) prec = 1;
      const d = decimalDigits(f, shortest ? -1 : prec);
      if (shortest) prec = d.digits.length;
      let eprec = prec;
      if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > d.digits.length) prec = d.digits.length;
        return sign + fmtE(d, prec - 1, verb === "G" ? "E" : "e");
      }
      if (prec > d.dp) prec = d.digits.length;
      return sign + fmtF(d, Math.max(prec - d.dp, 0));
    }
  }
}

/**
 * fmt's %e %E %f %F %g %G %v of a float64, padded: precision defaults to 6 for e/f and shortest for g/v, the
 * sign goes before any zero padding, and Inf/NaN are never zero-padded (NaN gets a sign only when asked for).
 * Undefined for any other verb.
 */
export function formatFloatVerb(f: number, verb: string, sp: FormatSpec): string | undefined {
  if (!"eEfFgGv".includes(verb) || verb.length !== 1) return undefined;
  const prec = sp.prec ?? ("eEfF".includes(verb) ? 6 : -1);
  let num = formatFloat(f, verb === "v" ? "g" : verb, prec);
  if (num[0] !== "-" && num[0] !== "+") num = "+" + num;
  if (sp.space && num[0] === "+" && !sp.plus) num = " " + num.slice(1);
  if (num[1] === "I" || num[1] === "N") {
    if (num[1] === "N" && !sp.space && !sp.plus) num = num.slice(1);
    return pad(num, sp, false);
  }
  if (!sp.plus && num[0] === "+") return pad(num.slice(1), sp, true);
  // Zero padding goes between the sign and the digits.
  if (sp.zero && sp.width !== undefined) return num[0] + pad(num.slice(1), { ...sp, width: sp.width - 1 }, true);
  return pad(num, sp, true);
}
