/** sprig string functions. Strings are indexed by UTF-16 unit (Go uses bytes: same for ASCII). */
import { def, type FuncDef } from "../funcs.js";
import { goQuote } from "../strings-go.js";
import { checkSize } from "../budget.js";
import { strslice, strval } from "./convert.js";

function sliceErr(): never {
  throw new Error("runtime error: slice bounds out of range");
}

function goSlice(s: string, start: number, end: number): string {
  if (start < 0 || end > s.length || start > end) sliceErr();
  return s.slice(start, end);
}

function substr(start: unknown, end: unknown, s: unknown): string {
  const str = s as string, a = start as number, b = end as number;
  if (a < 0) return goSlice(str, 0, b);
  if (b < 0 || b > str.length) return goSlice(str, a, str.length);
  return goSlice(str, a, b);
}

function trunc(c: unknown, s: unknown): string {
  const n = c as number, str = s as string;
  if (n < 0 && str.length + n > 0) return str.slice(str.length + n);
  if (n >= 0 && str.length > n) return str.slice(0, n);
  return str;
}

function replaceAll(src: string, old: string, nw: string): string {
  if (nw.length > old.length) {
    const count = old === "" ? src.length + 1 : src.split(old).length - 1;
    checkSize(src.length + count * (nw.length - old.length), "replace");
  }
  if (old === "") return nw + [...src].join(nw) + (src === "" ? "" : nw);
  return src.split(old).join(nw);
}

function isSeparator(ch: string): boolean {
  // strings.Title's notion of a word boundary.
  if (/^[A-Za-z0-9_]$/.test(ch)) return false;
  if (ch.charCodeAt(0) < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return /^\s$/u.test(ch);
}

function title(s: string): string {
  let prev = " ";
  let out = "";
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  let prev = " ";
  let out = "";
  for (const ch of s) {
    out += /\s/u.test(prev) ? ch.toLowerCase() : ch;
    prev = ch;
  }
  return out;
}

/** Splits identifiers into words at separators and case changes ("HTTPServer" → HTTP, Server). */
function words(s: string): string[] {
  return s
    .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(/[^\p{L}\p{Nd}]+/u)
    .filter((w) => w !== "");
}

function camelcase(s: string): string {
  // xstrings.ToCamelCase: split on space/underscore/hyphen, capitalise each part.
  return s
    .split(/[\s_-]+/u)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

const trimCut = (s: string, cutset: string, left: boolean, right: boolean): string => {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0, b = chars.length;
  while (left && a < b && set.has(chars[a]!)) a++;
  while (right && b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join("");
};

const SPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g;

function indent(n: unknown, s: unknown): string {
  checkSize((s as string).length + Math.max(0, n as number) * ((s as string).split("\n").length), "indent");
  const pad = " ".repeat(Math.max(0, n as number));
  return pad + (s as string).split("\n").join("\n" + pad);
}

function wrapWith(width: number, sep: string, s: string): string {
  // Simplified goutils.WrapCustom: break at spaces so lines stay within width.
  const out: string[] = [];
  for (const para of s.split("\n")) {
    let line = "";
    for (const w of para.split(" ").filter((x) => x !== "")) {
      if (line === "") line = w;
      else if (line.length + 1 + w.length <= width) line += " " + w;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out.join(sep);
}

export const STRING_FUNCS: Record<string, FuncDef> = {
  quote: def([], (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => goQuote(strval(x))).join(" "), "any"),
  squote: def([], (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => `'${strval(x)}'`).join(" "), "any"),
  cat: def([], (...a) => a.filter((x) => x !== null && x !== undefined).map(strval).join(" "), "any"),
  lower: def(["string"], (s) => (s as string).toLowerCase()),
  upper: def(["string"], (s) => (s as string).toUpperCase()),
  title: def(["string"], (s) => title(s as string)),
  untitle: def(["string"], (s) => untitle(s as string)),
  substr: def(["int", "int", "string"], substr),
  trunc: def(["int", "string"], trunc),
  abbrev: def(["int", "string"], (w, s) => {
    const width = w as number, str = s as string;
    if (width < 4 || str.length <= width) return str;
    return str.slice(0, width - 3) + "...";
  }),
  trim: def(["string"], (s) => (s as string).replace(SPACE, "")),
  trimAll: def(["string", "string"], (c, s) => trimCut(s as string, c as string, true, true)),
  trimall: def(["string", "string"], (c, s) => trimCut(s as string, c as string, true, true)),
  trimSuffix: def(["string", "string"], (suf, s) => {
    const str = s as string, x = suf as string;
    return x !== "" && str.endsWith(x) ? str.slice(0, str.length - x.length) : str;
  }),
  trimPrefix: def(["string", "string"], (pre, s) => {
    const str = s as string, x = pre as string;
    return str.startsWith(x) ? str.slice(x.length) : str;
  }),
  nospace: def(["string"], (s) => (s as string).replace(/[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g, "")),
  contains: def(["string", "string"], (sub, s) => (s as string).includes(sub as string)),
  hasPrefix: def(["string", "string"], (p, s) => (s as string).startsWith(p as string)),
  hasSuffix: def(["string", "string"], (p, s) => (s as string).endsWith(p as string)),
  repeat: def(["int", "string"], (n, s) => {
    if ((n as number) < 0) throw new Error("strings: negative Repeat count");
    checkSize((n as number) * (s as string).length, "repeat");
    return (s as string).repeat(n as number);
  }),
  replace: def(["string", "string", "string"], (o, n, s) => replaceAll(s as string, o as string, n as string)),
  indent: def(["int", "string"], indent),
  nindent: def(["int", "string"], (n, s) => "\n" + indent(n, s)),
  split: def(["string", "string"], (sep, s) => {
    const out: Record<string, unknown> = {};
    splitGo(s as string, sep as string).forEach((p, i) => (out["_" + i] = p));
    return out;
  }),
  splitList: def(["string", "string"], (sep, s) => splitGo(s as string, sep as string)),
  splitn: def(["string", "int", "string"], (sep, n, s) => {
    const out: Record<string, unknown> = {};
    splitN(s as string, sep as string, n as number).forEach((p, i) => (out["_" + i] = p));
    return out;
  }),
  join: def(["string", "any"], (sep, v) => {
    const parts = strslice(v);
    checkSize(parts.reduce((n, p) => n + p.length + (sep as string).length, 0), "join");
    return parts.join(sep as string);
  }),
  toString: def(["any"], (v) => strval(v)),
  toStrings: def(["any"], (v) => strslice(Array.isArray(v) ? v : v === null ? [] : [v])),
  kebabcase: def(["string"], (s) => words(s as string).map((w) => w.toLowerCase()).join("-")),
  snakecase: def(["string"], (s) => words(s as string).map((w) => w.toLowerCase()).join("_")),
  camelcase: def(["string"], (s) => camelcase(s as string)),
  swapcase: def(["string"], (s) => [...(s as string)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("")),
  initials: def(["string"], (s) => (s as string).split(/\s+/).filter((w) => w).map((w) => [...w][0]).join("")),
  wrap: def(["int", "string"], (w, s) => wrapWith(w as number, "\n", s as string)),
  wrapWith: def(["int", "string", "string"], (w, sep, s) => wrapWith(w as number, sep as string, s as string)),
  plural: def(["string", "string", "int"], (one, many, n) => ((n as number) === 1 ? one : many)),
};

/** strings.Split: empty separator splits into characters. */
export function splitGo(s: string, sep: string): string[] {
  if (sep === "") return [...s];
  return s.split(sep);
}

function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = splitGo(s, sep);
  if (n < 0 || all.length <= n) return all;
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}
