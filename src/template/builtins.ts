/** Go text/template's predefined functions (and/or are handled lazily by the executor). */
import { def, type FuncDef } from "./funcs.js";
import { sprint, sprintf, sprintln } from "./format.js";
import { utf8Encode } from "./strings-go.js";
import { goTypeName, hasOwn, isTrue, kindOf } from "./values.js";

type Basic = "bool" | "int" | "float" | "string" | "invalid" | "other";

function basicKind(v: unknown): Basic {
  const k = kindOf(v);
  if (k === "nil" || k === "invalid") return "invalid";
  if (k === "bool" || k === "int" || k === "float" || k === "string") return k;
  return "other";
}

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error("missing argument for comparison");
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      // Go: comparing values of different basic kinds is an error unless one is nil.
      if (k1 !== "invalid" && k2 !== "invalid") throw new Error("incompatible types for comparison");
    } else if (k1 === "other") {
      throw new Error(`non-comparable type ${goTypeName(a)}`);
    } else if (k1 === "invalid") {
      truth = true;
    } else {
      truth = a === b || (typeof a === "number" && typeof b === "number" && a === b);
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === "invalid" || k1 === "other" || k1 === "bool" || k2 === "invalid" || k2 === "other" || k2 === "bool") {
    throw new Error("invalid type for comparison");
  }
  if (k1 !== k2) throw new Error("incompatible types for comparison");
  return (a as number | string) < (b as number | string);
}

function length(v: unknown): number {
  switch (kindOf(v)) {
    case "string": return utf8Encode(v as string).length; // Go's len counts bytes
    case "slice": return (v as unknown[]).length;
    case "map": return Object.keys(v as object).length;
    case "invalid":
    case "nil": throw new Error("len of nil pointer");
    default: throw new Error(`len of type ${goTypeName(v)}`);
  }
}

function indexArg(i: unknown, cap: number): number {
  if (kindOf(i) !== "int") throw new Error(`cannot index slice/array with type ${goTypeName(i)}`);
  const x = Number(i);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  let cur = item;
  for (const ix of indexes) {
    const k = kindOf(cur);
    if (k === "invalid" || k === "nil") throw new Error("index of untyped nil");
    if (k === "map") {
      if (ix === null || ix === undefined) throw new Error("value is nil; should be of type string");
      if (typeof ix !== "string") throw new Error(`value has type ${goTypeName(ix)}; should be string`);
      const m = cur as Record<string, unknown>;
      // A missing key yields the element type's zero value (nil), whatever missingkey says.
      cur = hasOwn(m, ix) ? m[ix] : null;
    } else if (k === "slice") {
      const arr = cur as unknown[];
      const x = indexArg(ix, arr.length);
      if (x === arr.length) throw new Error(`index out of range: ${x}`);
      cur = arr[x];
    } else if (k === "string") {
      const bytes = utf8Encode(cur as string);
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) throw new Error(`index out of range: ${x}`);
      cur = bytes[x];
    } else {
      throw new Error(`can't index item of type ${goTypeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: unknown, ...idx: unknown[]): unknown {
  const k = kindOf(item);
  if (k === "invalid" || k === "nil") throw new Error("slice of untyped nil");
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  let len: number;
  if (k === "string") {
    if (idx.length === 3) throw new Error("cannot 3-index slice a string");
    len = (item as string).length;
  } else if (k === "slice") len = (item as unknown[]).length;
  else throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const ix = [0, len, len];
  idx.forEach((v, i) => (ix[i] = indexArg(v, len)));
  if (ix[0]! > ix[1]!) throw new Error(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  if (idx.length === 3 && ix[1]! > ix[2]!) throw new Error(`invalid slice index: ${ix[1]} > ${ix[2]}`);
  return k === "string" ? (item as string).slice(ix[0], ix[1]) : (item as unknown[]).slice(ix[0], ix[1]);
}

/** Like Go's evalArgs for html/js/urlquery: a lone string is used as is. */
function argsString(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === "string" ? args[0] : sprint(args);
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    ({ "\0": "\uFFFD", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!,
  );
}

export function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case "\\": out += "\\\\"; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case "<": out += "\\u003C"; continue;
      case ">": out += "\\u003E"; continue;
      case "&": out += "\\u0026"; continue;
      case "=": out += "\\u003D"; continue;
    }
    if (cp < 0x20) out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    else out += ch;
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export const BUILTINS: Record<string, FuncDef> = {
  // and/or are placeholders: the executor evaluates them lazily.
  and: def(["any"], (a) => a, "any"),
  or: def(["any"], (a) => a, "any"),
  not: def(["any"], (a) => !isTrue(a)),
  len: def(["any"], length),
  index: def(["any"], index, "any"),
  slice: def(["any"], slice, "any"),
  print: def([], (...a) => sprint(a), "any"),
  printf: def(["string"], (f, ...a) => sprintf(f as string, a), "any"),
  println: def([], (...a) => sprintln(a), "any"),
  eq: def(["any"], eq, "any"),
  ne: def(["any", "any"], (a, b) => !eq(a, b)),
  lt: def(["any", "any"], lt),
  le: def(["any", "any"], (a, b) => lt(a, b) || eq(a, b)),
  gt: def(["any", "any"], (a, b) => !lt(a, b) && !eq(a, b)),
  ge: def(["any", "any"], (a, b) => !lt(a, b)),
  call: def(["any"], (f, ...a) => {
    if (typeof f !== "function") throw new Error(`non-function of type ${goTypeName(f)}`);
    return (f as (...x: unknown[]) => unknown)(...a);
  }, "any"),
  html: def([], (...a) => htmlEscape(argsString(a)), "any"),
  js: def([], (...a) => jsEscape(argsString(a)), "any"),
  urlquery: def([], (...a) => queryEscape(argsString(a)), "any"),
};

