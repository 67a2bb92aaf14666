// regex.* builtins over Go RE2 syntax (translated in re2.ts).
import { def, fail, intArgN, str } from "./args.js";
import { GoRegExp, RegexSyntaxError, compileRE2, expand, findAll, goSplit, quoteMeta } from "../../re2/re2.js";
import type { BuiltinContext, BuiltinDef } from "./types.js";

function re(name: string, pattern: string, ctx: BuiltinContext): GoRegExp {
  try {
    return compileRE2(pattern, ctx.cache);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw fail(name, e.message);
    throw e;
  }
}


export function regexMatch(name: string, pattern: string, value: string, ctx: BuiltinContext): boolean {
  return re(name, pattern, ctx).matchesIn(value);
}

export const regexBuiltins: BuiltinDef[] = [
  def("regex.match", ["string", "string"], "boolean", (args, ctx) =>
    regexMatch("regex.match", str("regex.match", args, 0), str("regex.match", args, 1), ctx),
  ),
  def("regex.is_valid", ["string"], "boolean", (args, ctx) => {
    const p = args[0]!;
    if (typeof p !== "string") return false;
    try {
      compileRE2(p, ctx.cache);
      return true;
    } catch {
      return false;
    }
  }),
  def("regex.find_n", ["string", "string", "number"], { arrayOf: "string" }, (args, ctx) => {
    const r = re("regex.find_n", str("regex.find_n", args, 0), ctx);
    const n = intArgN("regex.find_n", args, 2);
    return findAll(r, str("regex.find_n", args, 1), n).map((m) => m[0]);
  }),
  def("regex.find_all_string_submatch_n", ["string", "string", "number"], { arrayOf: { arrayOf: "string" } }, (args, ctx) => {
    const r = re("regex.find_all_string_submatch_n", str("regex.find_all_string_submatch_n", args, 0), ctx);
    const n = intArgN("regex.find_all_string_submatch_n", args, 2);
    return findAll(r, str("regex.find_all_string_submatch_n", args, 1), n).map((m) => [...m].map((g) => g ?? ""));
  }),
  def("regex.split", ["string", "string"], { arrayOf: "string" }, (args, ctx) => {
    const r = re("regex.split", str("regex.split", args, 0), ctx);
    const s = str("regex.split", args, 1);
    return goSplit(r, s, -1);
  }),
  def("regex.replace", ["string", "string", "string"], "string", (args, ctx) => {
    const s = str("regex.replace", args, 0);
    const r = re("regex.replace", str("regex.replace", args, 1), ctx);
    const rep = str("regex.replace", args, 2);
    // OPA searches the remainder after each match afresh, so `^` matches again at every restart
    // (regex.replace("aaa", "^a", "b") is "bbb"). OPA never advances past an empty match (it loops);
    // here an empty match consumes one character instead.
    let out = "";
    let rest = s;
    for (;;) {
      r.lastIndex = 0;
      const m = r.exec(rest);
      if (!m) break;
      out += rest.slice(0, m.index) + expand(rep, m);
      let next = m.index + m[0].length;
      if (m[0].length === 0) {
        const cp = rest.codePointAt(next);
        if (cp === undefined) {
          rest = "";
          break;
        }
        const w = cp > 0xffff ? 2 : 1;
        out += rest.slice(next, next + w);
        next += w;
      }
      rest = rest.slice(next);
    }
    return out + rest;
  }),
  def("regex.template_match", ["string", "string", "string", "string"], "boolean", (args, ctx) => {
    const tpl = str("regex.template_match", args, 0);
    const value = str("regex.template_match", args, 1);
    const open = str("regex.template_match", args, 2);
    const close = str("regex.template_match", args, 3);
    // OPA requires one-byte delimiters (its end-delimiter message reports the start delimiter's length).
    const bytes = (x: string) => new TextEncoder().encode(x).length;
    if (bytes(open) !== 1) throw fail("regex.template_match", `start delimiter has to be exactly one character long but is ${bytes(open)} long`);
    if (bytes(close) !== 1) throw fail("regex.template_match", `end delimiter has to be exactly one character long but is ${bytes(open)} long`);
    // Literal text outside the delimiters, regular expressions inside; delimiters may nest inside a pattern.
    let pattern = "^";
    let i = 0;
    while (i < tpl.length) {
      const s = tpl.indexOf(open, i);
      if (s < 0) {
        pattern += quoteMeta(tpl.slice(i));
        break;
      }
      pattern += quoteMeta(tpl.slice(i, s));
      let level = 0;
      let j = s;
      let end = -1;
      while (j < tpl.length) {
        if (tpl.startsWith(open, j)) {
          level++;
          j += open.length;
        } else if (tpl.startsWith(close, j)) {
          level--;
          if (level === 0) {
            end = j;
            break;
          }
          j += close.length;
        } else j++;
      }
      if (end < 0) throw fail("regex.template_match", `unbalanced braces in "${tpl}"`);
      pattern += "(" + tpl.slice(s + open.length, end) + ")";
      i = end + close.length;
    }
    pattern += "$";
    return regexMatch("regex.template_match", pattern, value, ctx);
  }),
];
