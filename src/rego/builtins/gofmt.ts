// Go's fmt verbs as OPA's sprintf exposes them. OPA hands Go integers (int, or *big.Int beyond int64) for
// integral numbers, float64 for other numbers, and Go strings for everything else (strings as they are, other
// values as their Rego text) — so `sprintf("%.2f", [3])` prints `%!f(int=3)` and `sprintf("%d", [true])`
// prints `%!d(string=true)`, exactly as OPA does.
import { regoText, type Value } from "../value.js";

type GoArg = { kind: "int"; v: bigint; big: boolean } | { kind: "float"; v: number } | { kind: "string"; v: string };

export function toGoArg(v: Value): GoArg {
  if (typeof v === "bigint") return { kind: "int", v, big: v > 9223372036854775807n || v < -9223372036854775808n };
  if (typeof v === "number") return Number.isInteger(v) ? { kind: "int", v: BigInt(v), big: false } : { kind: "float", v };
  if (typeof v === "string") return { kind: "string", v };
  return { kind: "string", v: regoText(v) };
}

function goTypeName(a: GoArg): string {
  // *big.Int reports itself as "big.Int" in its own bad-verb text.
  return a.kind === "int" ? (a.big ? "big.Int" : "int") : a.kind === "float" ? "float64" : "string";
}

/** Go's strconv.Quote (printable runes kept, others escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    else if (ch !== " " && !/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch))
      out += c > 0xffff ? "\\U" + c.toString(16).padStart(8, "0") : "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** Significant digits (no trailing zeros) and decimal-point position of |x|, rounded to `prec` digits (or shortest). */
function digits(x: number, prec: number): { d: string; dp: number } {
  const e = prec < 0 ? Math.abs(x).toExponential() : Math.abs(x).toExponential(Math.max(prec - 1, 0));
  const [m, ex] = e.split("e") as [string, string];
  const d = m.replace(".", "").replace(/0+$/, "") || "0";
  return { d, dp: Number(ex) + 1 };
}

function fmtE(d: string, dp: number, prec: number, upper: boolean): string {
  let s = d[0]!;
  if (prec > 0) s += "." + d.slice(1, prec + 1).padEnd(prec, "0");
  const exp = d === "0" ? 0 : dp - 1;
  const es = Math.abs(exp).toString().padStart(2, "0");
  return s + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + es;
}

function fmtF(d: string, dp: number, prec: number): string {
  let int = dp > 0 ? d.slice(0, dp).padEnd(dp, "0") : "0";
  int = int.replace(/^0+(?=\d)/, "");
  let s = int;
  if (prec > 0) {
    let frac = "";
    for (let i = 0; i < prec; i++) {
      const idx = dp + i;
      frac += idx >= 0 && idx < d.length ? d[idx] : "0";
    }
    s += "." + frac;
  }
  return s;
}

/** Go's %g / %G (and %v for floats: shortest digits, exponent form when exp < -4 or >= 6 or >= precision). */
export function formatG(x: number, prec: number, upper = false): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return sign + "0";
  if (prec === 0) prec = 1;
  const shortest = prec < 0;
  const { d, dp } = digits(x, prec);
  let eprec = shortest ? 6 : prec;
  if (!shortest && eprec > d.length && d.length >= dp) eprec = d.length;
  const exp = dp - 1;
  let p = shortest ? d.length : prec;
  if (exp < -4 || exp >= eprec) {
    if (p > d.length) p = d.length;
    return sign + fmtE(d, dp, p - 1, upper);
  }
  if (p > dp) p = d.length;
  return sign + fmtF(d, dp, Math.max(p - dp, 0));
}

export function formatE(x: number, prec: number, upper = false): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
  const sign = x < 0 ? "-" : "";
  const { d, dp } = x === 0 ? { d: "0", dp: 1 } : digits(x, prec + 1);
  return sign + fmtE(d, dp, prec, upper);
}

export function formatF(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
  if (Math.abs(x) < 1e21) return x.toFixed(prec);
  const { d, dp } = digits(x, -1);
  return (x < 0 ? "-" : "") + fmtF(d, dp, prec);
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, sp: Spec, numeric: boolean): string {
  if (sp.width === undefined || s.length >= sp.width) return s;
  if (sp.minus) return s.padEnd(sp.width, " ");
  if (sp.zero && numeric) {
    const m = /^[+\- ]/.exec(s);
    const sign = m ? m[0] : "";
    return sign + s.slice(sign.length).padStart(sp.width - sign.length, "0");
  }
  return s.padStart(sp.width, " ");
}

function signed(s: string, neg: boolean, sp: Spec): string {
  if (neg) return "-" + s;
  if (sp.plus) return "+" + s;
  if (sp.space) return " " + s;
  return s;
}

function bad(verb: string, a: GoArg): string {
  const text = a.kind === "float" ? formatG(a.v, -1) : String(a.v);
  return `%!${verb}(${goTypeName(a)}=${text})`;
}

function fmtOne(verb: string, a: GoArg, sp: Spec): string {
  switch (a.kind) {
    case "int": {
      const neg = a.v < 0n;
      const abs = neg ? -a.v : a.v;
      let s: string;
      switch (verb) {
        case "v":
        case "d":
          s = abs.toString();
          break;
        case "s":
          // *big.Int implements fmt.Formatter and accepts %s; a plain Go int does not.
          if (!a.big) return bad(verb, a);
          s = abs.toString();
          break;
        case "x":
          s = abs.toString(16);
          if (sp.sharp) s = "0x" + s;
          break;
        case "X":
          s = abs.toString(16).toUpperCase();
          if (sp.sharp) s = "0X" + s;
          break;
        case "o":
          s = abs.toString(8);
          if (sp.sharp) s = "0" + s;
          break;
        case "O":
          s = "0o" + abs.toString(8);
          break;
        case "b":
          s = abs.toString(2);
          break;
        case "c":
          return a.big ? bad(verb, a) : pad(String.fromCodePoint(Number(a.v)), sp, false);
        case "q":
          return a.big ? bad(verb, a) : pad("'" + String.fromCodePoint(Number(a.v)) + "'", sp, false);
        case "U":
          return a.big ? bad(verb, a) : pad("U+" + abs.toString(16).toUpperCase().padStart(4, "0"), sp, false);
        default:
          return bad(verb, a);
      }
      if (sp.prec !== undefined) s = s.padStart(sp.prec, "0");
      return pad(signed(s, neg, sp), sp, sp.prec === undefined);
    }
    case "float": {
      const x = a.v;
      const neg = x < 0;
      const ax = Math.abs(x);
      let s: string;
      switch (verb) {
        case "v":
        case "g":
          s = formatG(ax, sp.prec ?? -1);
          break;
        case "G":
          s = formatG(ax, sp.prec ?? -1, true);
          break;
        case "f":
        case "F":
          s = formatF(ax, sp.prec ?? 6);
          break;
        case "e":
        case "E":
          s = formatE(ax, sp.prec ?? 6, verb === "E");
          break;
        default:
          return bad(verb, a);
      }
      return pad(signed(s, neg, sp), sp, true);
    }
    case "string": {
      let s = a.v;
      switch (verb) {
        case "v":
        case "s":
          if (sp.prec !== undefined) s = Array.from(s).slice(0, sp.prec).join("");
          return pad(s, sp, false);
        case "q":
          return pad(goQuote(s), sp, false);
        case "x":
        case "X": {
          const hex = Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, "0")).join("");
          return pad(verb === "X" ? hex.toUpperCase() : hex, sp, false);
        }
        default:
          return bad(verb, a);
      }
    }
  }
}

/** Go's fmt.Sprintf over already-converted arguments. */
export function goSprintf(format: string, values: Value[]): string {
  const args = values.map(toGoArg);
  let out = "";
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    i++;
    const sp: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === "-") sp.minus = true;
      else if (f === "+") sp.plus = true;
      else if (f === "0") sp.zero = true;
      else if (f === " ") sp.space = true;
      else if (f === "#") sp.sharp = true;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === "*") {
        i++;
        const a = args[argi++];
        return a && a.kind === "int" ? Number(a.v) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    sp.width = readNum();
    if (format[i] === ".") {
      i++;
      sp.prec = readNum() ?? 0;
    }
    if (i >= format.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const a = args[argi++];
    if (a === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(verb, a, sp);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => `${goTypeName(a)}=${a.kind === "float" ? formatG(a.v, -1) : String(a.v)}`);
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}
