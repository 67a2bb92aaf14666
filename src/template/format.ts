/**
 * A subset of Go's fmt package sufficient for templates: %v printing of
 * maps/slices/nil the way Go prints map[string]interface{} and []interface{},
 * and Sprintf verbs with flags, width and precision.
 */
import { goTypeName, kindOf, sortedKeys } from "./values.js";
import { goQuote, utf8Decode, utf8Encode } from "./strings-go.js";

/** Decimal digits and decimal-point position of |f|, shortest or rounded to `prec` significant digits. */
function decimalDigits(f: number, prec: number): { digits: string; dp: number } {
  if (f === 0) return { digits: "0", dp: 1 };
  const s = prec < 0 ? Math.abs(f).toExponential() : Math.abs(f).toExponential(Math.max(prec - 1, 0));
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  let digits = m[1]! + (m[2] ?? "");
  digits = digits.replace(/0+$/, "") || "0";
  return { digits, dp: Number(m[3]) + 1 };
}

function fmtE(neg: boolean, d: { digits: string; dp: number }, prec: number, e: string): string {
  let s = d.digits[0]!;
  if (prec > 0) s += "." + d.digits.slice(1, 1 + prec).padEnd(prec, "0");
  const exp = d.digits === "0" ? 0 : d.dp - 1;
  const es = Math.abs(exp).toString().padStart(2, "0");
  return (neg ? "-" : "") + s + e + (exp < 0 ? "-" : "+") + es;
}

function fmtF(neg: boolean, d: { digits: string; dp: number }, prec: number): string {
  let int: string;
  if (d.dp > 0) int = d.digits.slice(0, d.dp).padEnd(d.dp, "0");
  else int = "0";
  let frac = "";
  for (let i = 0; i < prec; i++) {
    const j = d.dp + i;
    frac += j >= 0 && j < d.digits.length ? d.digits[j] : "0";
  }
  return (neg ? "-" : "") + int + (prec > 0 ? "." + frac : "");
}

/** strconv.FormatFloat(f, verb, prec, 64) for verbs e, E, f, g, G (prec -1 = shortest). */
export function formatFloat(f: number, verb: string, prec: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  const neg = f < 0 || Object.is(f, -0);
  switch (verb) {
    case "e":
    case "E": {
      const d = prec < 0 ? decimalDigits(f, -1) : decimalDigits(f, prec + 1);
      return fmtE(neg, d, prec < 0 ? d.digits.length - 1 : prec, verb);
    }
    case "f":
    case "F": {
      if (prec < 0) {
        const d = decimalDigits(f, -1);
        return fmtF(neg, d, Math.max(d.digits.length - d.dp, 0));
      }
      const s = Math.abs(f) < 1e21 ? toFixedHalfEven(Math.abs(f), Math.min(prec, 100)) : fmtF(false, decimalDigits(f, -1), prec);
      return (neg ? "-" : "") + s;
    }
    default: {
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
        return fmtE(neg, d, prec - 1, verb === "G" ? "E" : "e");
      }
      if (prec > d.dp) prec = d.digits.length;
      return fmtF(neg, d, Math.max(prec - d.dp, 0));
    }
  }
}

/**
 * toFixed, except exact ties round to even as Go's strconv does (2.5 → "2");
 * JS rounds ties up. A tie needs an exact decimal expansion, which toFixed with
 * extra digits reveals.
 */
function toFixedHalfEven(x: number, prec: number): string {
  const extra = Math.min(prec + 30, 100);
  const ext = x.toFixed(extra);
  const cut = ext.length - (extra - prec);
  const tail = ext.slice(cut);
  if (!/^50*$/.test(tail)) return x.toFixed(prec);
  let head = ext.slice(0, cut);
  if (head.endsWith(".")) head = head.slice(0, -1);
  const lastDigit = Number(head[head.length - 1]);
  if (lastDigit % 2 === 0) return head;
  return x.toFixed(prec); // odd: rounding up (away from zero) is also half-even here
}

function intString(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : BigInt(v).toString();
}

/** Go's %v rendering of a value (`plus` for %+v, which is identical for maps/slices). */
export function formatValue(v: unknown): string {
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return "<nil>";
    case "bool":
      return String(v);
    case "int":
      return intString(v as number);
    case "float":
      return formatFloat(v as number, "g", -1);
    case "string":
      return v as string;
    case "slice":
      return "[" + Array.from(v as ArrayLike<unknown>, formatValue).join(" ") + "]";
    case "map": {
      const m = v as Record<string, unknown>;
      return "map[" + sortedKeys(m).map((k) => k + ":" + formatValue(m[k])).join(" ") + "]";
    }
    case "func":
      return "0x0";
    default:
      if (v instanceof Date) return v.toISOString();
      if (v instanceof Error) return v.message;
      return String(v);
  }
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

function pad(s: string, sp: Spec, numeric: boolean): string {
  if (sp.width === null || s.length >= sp.width) return s;
  if (sp.minus) return s.padEnd(sp.width, " ");
  if (sp.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : "";
    return sign + s.slice(sign.length).padStart(sp.width - sign.length, "0");
  }
  return s.padStart(sp.width, " ");
}

function bad(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(s: string, neg: boolean, sp: Spec): string {
  if (neg) return "-" + s;
  if (sp.plus) return "+" + s;
  if (sp.space) return " " + s;
  return s;
}

function fmtInt(v: number | bigint, verb: string, sp: Spec): string | null {
  const b = typeof v === "bigint" ? v : BigInt(v);
  const neg = b < 0n;
  const a = neg ? -b : b;
  let s: string;
  switch (verb) {
    case "d": case "v": s = a.toString(); break;
    case "x": s = (sp.sharp ? "0x" : "") + a.toString(16); break;
    case "X": s = (sp.sharp ? "0X" : "") + a.toString(16).toUpperCase(); break;
    case "o": s = (sp.sharp ? "0" : "") + a.toString(8); break;
    case "O": s = "0o" + a.toString(8); break;
    case "b": s = a.toString(2); break;
    case "c": return String.fromCodePoint(Number(b));
    case "q": return goQuote(String.fromCodePoint(Number(b)), "'");
    case "U": return "U+" + a.toString(16).toUpperCase().padStart(4, "0");
    default: return null;
  }
  if (sp.prec !== null) s = s.padStart(sp.prec, "0");
  return signed(s, neg, sp);
}

function fmtStringVerb(s: string, verb: string, sp: Spec): string | null {
  switch (verb) {
    case "s": case "v": return sp.prec !== null ? [...s].slice(0, sp.prec).join("") : s;
    case "q": return sp.sharp && !s.includes("`") ? "`" + s + "`" : goQuote(s, '"', sp.plus);
    case "x":
    case "X": {
      const hex = Array.from(utf8Encode(s), (b) => b.toString(16).padStart(2, "0")).join(sp.space ? " " : "");
      return verb === "X" ? hex.toUpperCase() : hex;
    }
    default: return null;
  }
}

/** Formats one operand for one verb. */
function formatOne(v: unknown, verb: string, sp: Spec): string {
  // For %v, '+' and '#' select Go's %+v/%#v forms rather than sign/alternate flags.
  if (verb === "v" && (sp.plus || sp.sharp)) sp = { ...sp, plus: false, sharp: false };
  if (verb === "T") return pad(goTypeName(v), sp, false);
  const k = kindOf(v);
  let out: string | null = null;
  let numeric = false;
  switch (k) {
    case "invalid":
    case "nil":
      out = verb === "v" || verb === "s" ? (verb === "v" ? "<nil>" : "%!s(<nil>)") : bad(verb, v);
      break;
    case "bool":
      out = verb === "v" || verb === "t" ? String(v) : bad(verb, v);
      break;
    case "int":
      if ("eEfFgG".includes(verb)) {
        // JS cannot distinguish 2.0 from 2: accept float verbs on integral numbers.
        out = fmtFloatVerb(Number(v), verb, sp);
      } else out = fmtInt(v as number, verb, sp);
      numeric = true;
      if (out === null) out = bad(verb, v);
      break;
    case "float":
      out = verb === "v" ? signed(formatFloat(Math.abs(v as number), "g", sp.prec ?? -1), (v as number) < 0, sp) : fmtFloatVerb(v as number, verb, sp);
      numeric = true;
      if (out === null) out = bad(verb, v);
      break;
    case "string":
      out = fmtStringVerb(v as string, verb, sp) ?? bad(verb, v);
      break;
    case "slice": {
      if (verb === "s" && v instanceof Uint8Array) { out = utf8Decode(v); break; }
      const parts = Array.from(v as ArrayLike<unknown>, (e) => formatOne(e, verb, { ...sp, width: null }));
      out = "[" + parts.join(" ") + "]";
      break;
    }
    case "map": {
      const m = v as Record<string, unknown>;
      const inner = { ...sp, width: null };
      out = "map[" + sortedKeys(m).map((key) => formatOne(key, verb, inner) + ":" + formatOne(m[key], verb, inner)).join(" ") + "]";
      break;
    }
    default:
      out = verb === "v" || verb === "s" ? formatValue(v) : bad(verb, v);
  }
  return pad(out, sp, numeric);
}

function fmtFloatVerb(f: number, verb: string, sp: Spec): string | null {
  if (!"eEfFgG".includes(verb)) return null;
  const prec = sp.prec ?? ("gG".includes(verb) ? -1 : 6);
  const s = formatFloat(Math.abs(f), verb, prec);
  return signed(s, f < 0 || Object.is(f, -0), sp);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
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
    const sp: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === "-") sp.minus = true;
      else if (f === "+") sp.plus = true;
      else if (f === "#") sp.sharp = true;
      else if (f === " ") sp.space = true;
      else if (f === "0") sp.zero = !sp.minus;
      else break;
    }
    const readNum = (): number | null => {
      if (format[i] === "*") {
        i++;
        const a = args[argi++];
        return typeof a === "number" ? a : null;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    sp.width = readNum();
    if (sp.width !== null && sp.width < 0) {
      sp.minus = true;
      sp.width = -sp.width;
    }
    if (format[i] === ".") {
      i++;
      sp.prec = readNum() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += "%!(NOVERB)";
      break;
    }
    i++;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    out += formatOne(a, verb, sp);
  }
  if (argi < args.length) {
    out += "%!(EXTRA " + args.slice(argi).map((a) => `${goTypeName(a)}=${formatValue(a)}`).join(", ") + ")";
  }
  return out;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = "";
  args.forEach((a, idx) => {
    if (idx > 0 && typeof a !== "string" && typeof args[idx - 1] !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces, trailing newline. */
export function sprintln(args: unknown[]): string {
  return args.map(formatValue).join(" ") + "\n";
}
