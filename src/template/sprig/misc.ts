/**
 * sprig defaults/flow/type functions, deterministic random functions, and the
 * environment/clock functions (which never read the host: see index.ts docs).
 */
import { ExecFault } from "../errors.js";
import { def, type CallContext, type FuncDef } from "../funcs.js";
import { randomIntn } from "../keyed-random.js";
import { goTypeName, kindOf } from "../values.js";
import { deepEqual, empty } from "./convert.js";
import { formatGoDate } from "./date.js";

const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

function randFrom(this: CallContext, name: string, chars: string, n: unknown): string {
  const count = n as number;
  if (count < 0) throw new Error(`Requested random string length ${count} is less than 0.`);
  const stream = this.random.call(`${name} ${count}`);
  let out = "";
  for (let i = 0; i < count; i++) out += chars[randomIntn(stream, chars.length)];
  return out;
}

function uuidv4(this: CallContext): string {
  const b = this.random.call("uuidv4").bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Accepts what sprig's date functions accept: time values or Unix seconds. */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (kindOf(v) === "int" || kindOf(v) === "float") return new Date(Math.trunc(Number(v)) * 1000);
  return new Date(0);
}

function typeKind(v: unknown): string {
  switch (kindOf(v)) {
    case "invalid": case "nil": return "invalid";
    case "bool": return "bool";
    case "int": return "int";
    case "float": return "float64";
    case "string": return "string";
    case "slice": return "slice";
    case "map": return "map";
    case "func": return "func";
    default: return "struct";
  }
}

export const MISC_FUNCS: Record<string, FuncDef> = {
  default: def(["any"], (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]), "any"),
  empty: def(["any"], (v) => empty(v)),
  coalesce: def([], (...a) => a.find((x) => !empty(x)) ?? null, "any"),
  all: def([], (...a) => a.every((x) => !empty(x)), "any"),
  any: def([], (...a) => a.some((x) => !empty(x)), "any"),
  ternary: def(["any", "any", "bool"], (t, f, c) => (c ? t : f)),
  fail: def(["string"], (msg) => {
    throw new ExecFault(msg as string, msg as string);
  }),
  typeOf: def(["any"], (v) => goTypeName(v)),
  typeIs: def(["string", "any"], (t, v) => goTypeName(v) === t),
  typeIsLike: def(["string", "any"], (t, v) => goTypeName(v) === t || "*" + goTypeName(v) === t),
  kindOf: def(["any"], (v) => typeKind(v)),
  kindIs: def(["string", "any"], (k, v) => typeKind(v) === k),
  deepEqual: def(["any", "any"], (a, b) => deepEqual(a, b)),

  randAlphaNum: def(["int"], function (this: CallContext, n) { return randFrom.call(this, "randAlphaNum", ALPHA + DIGITS, n); }),
  randAlpha: def(["int"], function (this: CallContext, n) { return randFrom.call(this, "randAlpha", ALPHA, n); }),
  randNumeric: def(["int"], function (this: CallContext, n) { return randFrom.call(this, "randNumeric", DIGITS, n); }),
  randAscii: def(["int"], function (this: CallContext, n) { return randFrom.call(this, "randAscii", ASCII, n); }),
  randInt: def(["int", "int"], function (this: CallContext, lo, hi) {
    return randomIntn(this.random.call(`randInt ${String(lo)} ${String(hi)}`), (hi as number) - (lo as number)) + (lo as number);
  }),
  shuffle: def(["string"], function (this: CallContext, s) {
    const chars = [...(s as string)];
    const stream = this.random.call(`shuffle ${chars.length}`);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomIntn(stream, i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join("");
  }),
  uuidv4: def([], function (this: CallContext) { return uuidv4.call(this); }),

  // Clock: `now` is the caller-provided instant (default the Unix epoch), never the host clock.
  now: def([], function (this: CallContext) { return this.now; }),
  date: def(["string", "any"], (f, d) => formatGoDate(toDate(d), f as string)),
  dateInZone: def(["string", "any", "string"], (f, d) => formatGoDate(toDate(d), f as string)),
  htmlDate: def(["any"], (d) => formatGoDate(toDate(d), "2006-01-02")),
  unixEpoch: def(["any"], (d) => String(Math.floor(toDate(d).getTime() / 1000))),

  // Environment: templates must not depend on the host, so variables read as unset.
  env: def(["string"], () => ""),
  expandenv: def(["string"], (s) => (s as string).replace(/\$(\{[^}]*\}|[A-Za-z0-9_]+)/g, "")),
};
