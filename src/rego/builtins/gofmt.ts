// Go's fmt verbs as OPA's sprintf exposes them. OPA hands Go integers (int, or *big.Int beyond int64) for
// integral numbers, float64 for other numbers, and Go strings for everything else (strings as they are, other
// values as their Rego text) — so `sprintf("%d", [true])` prints `%!d(string=true)`, exactly as OPA does.
// One deliberate difference: float verbs format an integral number (see fmtOne). Directive scanning and number formatting live in src/gofmt.
import { goQuote } from "../../gofmt/quote.js";
import { formatFloat, formatFloatVerb } from "../../gofmt/float.js";
import { formatInteger } from "../../gofmt/int.js";
import { emptySpec, formatDirectives, pad, type FormatSpec } from "../../gofmt/spec.js";
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

/** A Go value's %v text, as in bad-verb and EXTRA reports. */
function goText(a: GoArg): string {
  return a.kind === "float" ? formatFloat(a.v, "g", -1) : String(a.v);
}

/** Go's report of a verb the operand's type does not take; never padded to the directive's width. */
function bad(verb: string, a: GoArg): string {
  return `%!${verb}(${goTypeName(a)}=${goText(a)})`;
}

function fmtOne(verb: string, a: GoArg, sp: FormatSpec): string {
  switch (a.kind) {
    case "int":
      switch (verb) {
        case "s":
          // *big.Int implements fmt.Formatter and accepts %s (as %d); a plain Go int does not.
          return a.big ? formatInteger(a.v, "d", sp)! : bad(verb, a);
        // Runes take zero padding; %U does not (fmtC, fmtQc and fmtUnicode in Go).
        case "c":
          return a.big ? bad(verb, a) : pad(String.fromCodePoint(Number(a.v)), sp, true);
        case "q":
          return a.big ? bad(verb, a) : pad("'" + String.fromCodePoint(Number(a.v)) + "'", sp, true);
        case "U":
          return a.big ? bad(verb, a) : pad("U+" + (a.v < 0n ? -a.v : a.v).toString(16).toUpperCase().padStart(4, "0"), sp, false);
        // Deliberate difference: OPA keeps a number's literal text, so `101.00` reaches Go as a float64 and
        // `101` as an int (`%!f(int=101)`). scorec's values do not keep that text, so an integral number
        // takes the float verbs as the float64 it may have been written as.
        case "e":
        case "E":
        case "f":
        case "F":
        case "g":
        case "G":
          return a.big ? bad(verb, a) : formatFloatVerb(Number(a.v), verb, sp)!;
        default:
          return formatInteger(a.v, verb, sp) ?? bad(verb, a);
      }
    case "float":
      return formatFloatVerb(a.v, verb, sp) ?? bad(verb, a);
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

/**
 * A format whose directives are all a bare `%` and a letter (`%s`, `%q`, `%v`, `%d`…: what policies write),
 * split once into its literal text and verbs; null for any other format (flags, width, precision, `%%`…).
 */
interface PlainFormat {
  /** Literal text before each verb, then the text after the last one. */
  texts: string[];
  verbs: string[];
}

const plainFormats = new Map<string, PlainFormat | null>();
const MAX_PLAIN_FORMATS = 1024;

function plainFormat(format: string): PlainFormat | null {
  let p = plainFormats.get(format);
  if (p !== undefined) return p;
  p = { texts: [], verbs: [] };
  let i = 0;
  for (;;) {
    const pct = format.indexOf("%", i);
    if (pct < 0) break;
    const c = format.charCodeAt(pct + 1);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      p = null;
      break;
    }
    p.texts.push(format.slice(i, pct));
    p.verbs.push(format[pct + 1]!);
    i = pct + 2;
  }
  if (p !== null) p.texts.push(format.slice(i));
  if (plainFormats.size >= MAX_PLAIN_FORMATS) plainFormats.clear();
  plainFormats.set(format, p);
  return p;
}

/** Go's fmt.Sprintf over already-converted arguments. */
export function goSprintf(format: string, values: Value[]): string {
  // The common case without the directive scanner: each verb applied to its operand with an empty spec,
  // exactly what the scanner does for a bare directive when the operands match the verbs one to one.
  const plain = plainFormat(format);
  if (plain !== null && plain.verbs.length === values.length) {
    let out = plain.texts[0]!;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const verb = plain.verbs[i]!;
      // A string under %s or %v with an empty spec is itself (no precision, no width): no Go operand to build.
      out += (typeof v === "string" && (verb === "s" || verb === "v") ? v : fmtOne(verb, toGoArg(v), emptySpec())) + plain.texts[i + 1]!;
    }
    return out;
  }
  return formatDirectives(format, values.map(toGoArg), {
    starInt: (a) => (a.kind === "int" && !a.big ? Number(a.v) : undefined),
    format: fmtOne,
    extra: (a) => `${goTypeName(a)}=${goText(a)}`,
  });
}
