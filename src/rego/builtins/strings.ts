// String builtins. Indices and lengths count code points (Go runes), never UTF-16 units.
import { RSet, type Value } from "../value.js";
import { anyOf, arrayOf, def, elemErr, fail, intArgN, numArg, obj, operandErr, setOf, str, typeErr } from "./args.js";
import { big, float, isInt } from "./numeric.js";
import type { BuiltinDef } from "./types.js";

const runes = (s: string): string[] => Array.from(s);

/** Go's per-rune case mapping: no multi-character expansions (JS upper-cases "ß" to "SS", Go keeps it). */
function mapCase(s: string, f: (c: string) => string): string {
  let out = "";
  for (const c of s) {
    const m = f(c);
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

/** Go's unicode.IsSpace. */
function isSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(c);
}

function trimLeftSet(s: string, cut: Set<string>): string {
  const r = runes(s);
  let i = 0;
  while (i < r.length && cut.has(r[i]!)) i++;
  return r.slice(i).join("");
}
function trimRightSet(s: string, cut: Set<string>): string {
  const r = runes(s);
  let j = r.length;
  while (j > 0 && cut.has(r[j - 1]!)) j--;
  return r.slice(0, j).join("");
}

/** Go's strings.Replace(s, old, new, -1): an empty `old` inserts between every rune. */
export function replaceAll(s: string, old: string, rep: string): string {
  if (old === "") return rep + runes(s).join(rep) + (s === "" ? "" : rep);
  return s.split(old).join(rep);
}

/** Go's strings.Split: an empty separator splits into runes. */
function goSplit(s: string, sep: string): string[] {
  if (sep === "") return runes(s);
  return s.split(sep);
}

/** A string, or an array/set of strings, for the any_*_match builtins. */
function strOrColl(name: string, args: Value[], i: number): string[] {
  const v = args[i]!;
  if (typeof v === "string") return [v];
  if (Array.isArray(v) || v instanceof RSet) {
    const xs = Array.isArray(v) ? v : v.sorted();
    return xs.map((x) => {
      if (typeof x !== "string") throw elemErr(name, i + 1, v, x, "string");
      return x;
    });
  }
  throw typeErr(name, i + 1, ["string", "set", "array"], v);
}

function formatInt(n: bigint, base: number): string {
  return n.toString(base);
}

export const stringBuiltins: BuiltinDef[] = [
  def("concat", ["string", anyOf(arrayOf("string"), setOf("string"))], "string", (args) => {
    const d = str("concat", args, 0);
    const c = args[1]!;
    if (!Array.isArray(c) && !(c instanceof RSet)) throw typeErr("concat", 2, ["set", "array"], c);
    const xs = Array.isArray(c) ? c : c.sorted();
    return xs
      .map((x) => {
        if (typeof x !== "string") throw elemErr("concat", 2, c, x, "string");
        return x;
      })
      .join(d);
  }),
  def("contains", ["string", "string"], "boolean", (args) => str("contains", args, 0).includes(str("contains", args, 1))),
  def("startswith", ["string", "string"], "boolean", (args) => str("startswith", args, 0).startsWith(str("startswith", args, 1))),
  def("endswith", ["string", "string"], "boolean", (args) => str("endswith", args, 0).endsWith(str("endswith", args, 1))),
  def("format_int", ["number", "number"], "string", (args) => {
    const n = numArg("format_int", args, 0);
    const base = numArg("format_int", args, 1);
    const b = float(base);
    if (b !== 2 && b !== 8 && b !== 10 && b !== 16) throw operandErr("format_int", 2, "must be one of {2, 8, 10, 16}");
    // Go truncates the fraction toward zero.
    const i = isInt(n) ? big(n) : BigInt(Math.trunc(n as number));
    return formatInt(i, b);
  }),
  def("indexof", ["string", "string"], "number", (args) => {
    const s = runes(str("indexof", args, 0));
    const sub = runes(str("indexof", args, 1));
    if (sub.length === 0) throw fail("indexof", "empty search character");
    outer: for (let i = 0; i + sub.length <= s.length; i++) {
      for (let j = 0; j < sub.length; j++) if (s[i + j] !== sub[j]) continue outer;
      return i;
    }
    return -1;
  }),
  def("indexof_n", ["string", "string"], arrayOf("number"), (args) => {
    const s = runes(str("indexof_n", args, 0));
    const sub = runes(str("indexof_n", args, 1));
    if (sub.length === 0) throw fail("indexof_n", "empty search character");
    const out: Value[] = [];
    outer: for (let i = 0; i + sub.length <= s.length; i++) {
      for (let j = 0; j < sub.length; j++) if (s[i + j] !== sub[j]) continue outer;
      out.push(i);
    }
    return out;
  }),
  def("lower", ["string"], "string", (args) => mapCase(str("lower", args, 0), (c) => c.toLowerCase())),
  def("upper", ["string"], "string", (args) => mapCase(str("upper", args, 0), (c) => c.toUpperCase())),
  def("replace", ["string", "string", "string"], "string", (args) =>
    replaceAll(str("replace", args, 0), str("replace", args, 1), str("replace", args, 2)),
  ),
  def("split", ["string", "string"], arrayOf("string"), (args) => goSplit(str("split", args, 0), str("split", args, 1))),
  def("strings.split_n", ["string", "string", "number"], arrayOf("string"), (args) => {
    const s = str("strings.split_n", args, 0);
    const sep = str("strings.split_n", args, 1);
    const n = intArgN("strings.split_n", args, 2);
    // Positive n keeps the first n pieces, negative n the last |n|.
    const parts = goSplit(s, sep);
    if (n === 0) return [];
    return n > 0 ? parts.slice(0, n) : parts.slice(Math.max(parts.length + n, 0));
  }),
  def("substring", ["string", "number", "number"], "string", (args) => {
    const s = runes(str("substring", args, 0));
    const start = intArgN("substring", args, 1);
    const len = intArgN("substring", args, 2);
    if (start < 0) throw fail("substring", "negative offset");
    if (start >= s.length) return "";
    if (len < 0) return s.slice(start).join("");
    return s.slice(start, Math.min(s.length, start + len)).join("");
  }),
  def("trim", ["string", "string"], "string", (args) => {
    const cut = new Set(runes(str("trim", args, 1)));
    return trimRightSet(trimLeftSet(str("trim", args, 0), cut), cut);
  }),
  def("trim_left", ["string", "string"], "string", (args) =>
    trimLeftSet(str("trim_left", args, 0), new Set(runes(str("trim_left", args, 1)))),
  ),
  def("trim_right", ["string", "string"], "string", (args) =>
    trimRightSet(str("trim_right", args, 0), new Set(runes(str("trim_right", args, 1)))),
  ),
  def("trim_prefix", ["string", "string"], "string", (args) => {
    const s = str("trim_prefix", args, 0);
    const p = str("trim_prefix", args, 1);
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  def("trim_suffix", ["string", "string"], "string", (args) => {
    const s = str("trim_suffix", args, 0);
    const p = str("trim_suffix", args, 1);
    return p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  def("trim_space", ["string"], "string", (args) => {
    const r = runes(str("trim_space", args, 0));
    let i = 0;
    let j = r.length;
    while (i < j && isSpace(r[i]!)) i++;
    while (j > i && isSpace(r[j - 1]!)) j--;
    return r.slice(i, j).join("");
  }),
  def("strings.replace_n", [{ objectOf: ["string", "string"] }, "string"], "string", (args) => {
    const pats = obj("strings.replace_n", args, 0);
    const s = str("strings.replace_n", args, 1);
    const pairs: [string, string][] = [];
    for (const [k, v] of pats.sortedEntries()) {
      if (typeof k !== "string") throw operandErr("strings.replace_n", 1, "non-string key found in pattern object");
      if (typeof v !== "string") throw operandErr("strings.replace_n", 1, "non-string value found in pattern object");
      pairs.push([k, v]);
    }
    // Like Go's strings.NewReplacer: scan once; at each position the first (sorted) pattern that matches wins.
    let out = "";
    let i = 0;
    while (i < s.length) {
      const hit = pairs.find(([k]) => k !== "" && s.startsWith(k, i));
      if (hit) {
        out += hit[1];
        i += hit[0].length;
      } else {
        out += s[i];
        i++;
      }
    }
    return out;
  }),
  def("strings.reverse", ["string"], "string", (args) => runes(str("strings.reverse", args, 0)).reverse().join("")),
  def("strings.any_prefix_match", [anyOf("string", "array", "set"), anyOf("string", "array", "set")], "boolean", (args) => {
    const ss = strOrColl("strings.any_prefix_match", args, 0);
    const ps = strOrColl("strings.any_prefix_match", args, 1);
    return ss.some((s) => ps.some((p) => s.startsWith(p)));
  }),
  def("strings.any_suffix_match", [anyOf("string", "array", "set"), anyOf("string", "array", "set")], "boolean", (args) => {
    const ss = strOrColl("strings.any_suffix_match", args, 0);
    const ps = strOrColl("strings.any_suffix_match", args, 1);
    return ss.some((s) => ps.some((p) => s.endsWith(p)));
  }),
  def("strings.count", ["string", "string"], "number", (args) => {
    const s = str("strings.count", args, 0);
    const sub = str("strings.count", args, 1);
    if (sub === "") return runes(s).length + 1;
    return s.split(sub).length - 1;
  }),
];

