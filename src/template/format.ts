/**
 * A subset of Go's fmt package sufficient for templates: %v printing of
 * maps/slices/nil the way Go prints map[string]interface{} and []interface{},
 * and Sprintf over template values. Directive scanning and number formatting
 * are shared with Rego's sprintf in src/gofmt; this file maps JS values to Go's.
 */
import { BudgetError, checkSize, MAX_VALUE_DEPTH } from "./budget.js";
import { goTypeName, kindOf, sortedKeys } from "./values.js";
import { formatFloat, formatFloatVerb } from "../gofmt/float.js";
import { formatInteger } from "../gofmt/int.js";
import { formatDirectives, pad, type FormatSpec } from "../gofmt/spec.js";
import { goQuote, utf8Decode, utf8Encode } from "./strings-go.js";

// Callers (sprig's JSON encoding, tests) take strconv's float formatting from here.
export { formatFloat };

function intString(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : BigInt(v).toString();
}

/** Go's %v rendering of a value (`plus` for %+v, which is identical for maps/slices). */
export function formatValue(v: unknown): string {
  // Containers are walked with a size and depth budget (a list doubled 40 times prints as 2^40 items).
  if (kindOf(v) !== "slice" && kindOf(v) !== "map") return formatScalar(v);
  const out: string[] = [];
  let size = 0;
  const sink = (s: string): void => {
    size += s.length;
    checkSize(size, "printing a value");
    out.push(s);
  };
  writeValue(v, 0, sink);
  return out.join("");
}

function writeValue(v: unknown, level: number, sink: (s: string) => void): void {
  if (level > MAX_VALUE_DEPTH) throw new BudgetError(`value nested too deeply to print (more than ${MAX_VALUE_DEPTH} levels)`);
  switch (kindOf(v)) {
    case "slice": {
      sink("[");
      Array.from(v as ArrayLike<unknown>).forEach((e, i) => {
        if (i) sink(" ");
        writeValue(e, level + 1, sink);
      });
      return sink("]");
    }
    case "map": {
      const m = v as Record<string, unknown>;
      sink("map[");
      sortedKeys(m).forEach((k, i) => {
        sink((i ? " " : "") + k + ":");
        writeValue(m[k], level + 1, sink);
      });
      return sink("]");
    }
    default:
      return sink(formatScalar(v));
  }
}

function formatScalar(v: unknown): string {
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

/** Go's report of a verb the operand's type does not take; never padded to the directive's width. */
function bad(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function fmtInt(v: number | bigint, verb: string, sp: FormatSpec): string | undefined {
  const b = typeof v === "bigint" ? v : BigInt(v);
  switch (verb) {
    // Runes take zero padding; %U does not (fmtC, fmtQc and fmtUnicode in Go).
    case "c": return pad(String.fromCodePoint(Number(b)), sp, true);
    case "q": return pad(goQuote(String.fromCodePoint(Number(b)), "'"), sp, true);
    case "U": return pad("U+" + (b < 0n ? -b : b).toString(16).toUpperCase().padStart(4, "0"), sp, false);
    default: return formatInteger(b, verb, sp);
  }
}

function fmtStringVerb(s: string, verb: string, sp: FormatSpec): string | null {
  switch (verb) {
    case "s": case "v": return sp.prec !== undefined ? [...s].slice(0, sp.prec).join("") : s;
    case "q": return sp.sharp && !s.includes("`") ? "`" + s + "`" : goQuote(s, '"', sp.plus);
    case "x":
    case "X": {
      const hex = Array.from(utf8Encode(s), (b) => b.toString(16).padStart(2, "0")).join(sp.space ? " " : "");
      return verb === "X" ? hex.toUpperCase() : hex;
    }
    default: return null;
  }
}

/** Formats one operand for one verb, padded to the spec's width. */
function formatOne(v: unknown, verb: string, sp: FormatSpec): string {
  if (verb === "T") return pad(goTypeName(v), sp, false);
  switch (kindOf(v)) {
    case "invalid":
    case "nil":
      return verb === "v" ? pad("<nil>", sp, false) : bad(verb, v);
    case "bool":
      return verb === "v" || verb === "t" ? pad(String(v), sp, false) : bad(verb, v);
    case "int":
      // JS cannot distinguish 2.0 from 2: accept float verbs on integral numbers.
      if ("eEfFgG".includes(verb)) return formatFloatVerb(Number(v), verb, sp)!;
      return fmtInt(v as number | bigint, verb, sp) ?? bad(verb, v);
    case "float":
      return formatFloatVerb(v as number, verb, sp) ?? bad(verb, v);
    case "string": {
      const s = fmtStringVerb(v as string, verb, sp);
      return s === null ? bad(verb, v) : pad(s, sp, false);
    }
    case "slice": {
      if (verb === "s" && v instanceof Uint8Array) return pad(utf8Decode(v), sp, false);
      const inner = { ...sp, width: undefined };
      return pad("[" + Array.from(v as ArrayLike<unknown>, (e) => formatOne(e, verb, inner)).join(" ") + "]", sp, false);
    }
    case "map": {
      const m = v as Record<string, unknown>;
      const inner = { ...sp, width: undefined };
      const pairs = sortedKeys(m).map((key) => formatOne(key, verb, inner) + ":" + formatOne(m[key], verb, inner));
      return pad("map[" + pairs.join(" ") + "]", sp, false);
    }
    default:
      return verb === "v" || verb === "s" ? pad(formatValue(v), sp, false) : bad(verb, v);
  }
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  return formatDirectives(format, args, {
    starInt: (a) => (kindOf(a) === "int" ? Number(a) : undefined),
    format: (verb, a, sp) => formatOne(a, verb, sp),
    // Go reports a nil operand as just <nil>, without a type.
    extra: (a) => (a === null || a === undefined ? "<nil>" : `${goTypeName(a)}=${formatValue(a)}`),
  });
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
