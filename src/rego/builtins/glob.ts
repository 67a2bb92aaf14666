// glob.match (gobwas/glob syntax as OPA uses it) and glob.quote_meta.
import { RE2JS } from "re2js";
import { GoRegExp, sharedRegExp } from "../../re2/re2.js";
import type { Value } from "../value.js";
import { def, fail, str, typeErr } from "./args.js";
import type { BuiltinContext, BuiltinDef } from "./types.js";

const esc = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** Translate a glob into an anchored RegExp source. `*` and `?` stop at delimiters; `**` does not. */
export function globToRegex(glob: string, delims: string[]): string {
  const notDelim = delims.length ? `[^${delims.map(esc).join("")}]` : "[\\s\\S]";
  let i = 0;
  const seq = (inAlt: boolean): string => {
    let out = "";
    while (i < glob.length) {
      const c = glob[i]!;
      if (inAlt && (c === "," || c === "}")) return out;
      if (c === "\\") {
        if (i + 1 >= glob.length) throw new Error("unexpected end of input");
        out += esc(glob[i + 1]!);
        i += 2;
      } else if (c === "*") {
        if (glob[i + 1] === "*") {
          out += "[\\s\\S]*";
          i += 2;
        } else {
          out += notDelim + "*";
          i++;
        }
      } else if (c === "?") {
        out += notDelim;
        i++;
      } else if (c === "[") {
        // A class: `[!…]` negates; backslash escapes the next character, e.g. `[\]]`.
        let j = i + 1;
        let neg = false;
        if (glob[j] === "!") {
          neg = true;
          j++;
        }
        let body = "";
        let closed = false;
        while (j < glob.length) {
          const d = glob[j]!;
          if (d === "\\") {
            if (j + 1 >= glob.length) break;
            body += esc(glob[j + 1]!);
            j += 2;
            continue;
          }
          if (d === "]") {
            closed = true;
            break;
          }
          body += d === "-" ? "-" : esc(d);
          j++;
        }
        if (!closed || body === "") throw new Error("unexpected end of input");
        out += (neg ? "[^" : "[") + body + "]";
        i = j + 1;
      } else if (c === "{") {
        i++;
        const alts: string[] = [];
        for (;;) {
          alts.push(seq(true));
          if (i >= glob.length) throw new Error("unexpected end of input");
          if (glob[i] === "}") {
            i++;
            break;
          }
          i++; // ','
        }
        out += "(?:" + alts.join("|") + ")";
      } else {
        out += esc(String.fromCodePoint(glob.codePointAt(i)!));
        i += String.fromCodePoint(glob.codePointAt(i)!).length;
      }
    }
    return out;
  };
  return "^" + seq(false) + "$";
}

function delimiters(args: Value[]): string[] {
  const d = args[1]!;
  if (d === null) return [];
  if (!Array.isArray(d)) throw typeErr("glob.match", 2, ["array", "null"], d);
  const xs = d;
  const out: string[] = [];
  for (const x of xs) {
    if (typeof x !== "string") throw typeErr("glob.match", 2, ["array[string]"], d);
    out.push(...Array.from(x));
  }
  return out.length === 0 ? ["."] : out;
}

/** Compiled globs shared across evaluations (see sharedRegExp), keyed like the per-evaluation cache. */
const sharedGlobs = new Map<string, GoRegExp>();

export const globBuiltins: BuiltinDef[] = [
  def("glob.match", ["string", { anyOf: ["null", { arrayOf: "string" }] }, "string"], "boolean", (args, ctx: BuiltinContext) => {
    const pattern = str("glob.match", args, 0);
    const ds = delimiters(args);
    const value = str("glob.match", args, 2);
    const ck = "glob:" + JSON.stringify([pattern, ds]);
    let re = ctx.cache.get(ck) as GoRegExp | undefined;
    if (!re) {
      try {
        re = sharedRegExp(sharedGlobs, ck, () => {
          const src = globToRegex(pattern, ds);
          new RegExp(src, "u"); // syntax check only
          // Matched in linear time (re2js), never by backtracking: `*a*a*a*…b` cannot hang.
          return new GoRegExp(RE2JS.compile(src));
        });
      } catch {
        // Malformed classes, ranges or alternations.
        throw fail("glob.match", "syntax error in pattern");
      }
      ctx.cache.set(ck, re);
    }
    re.lastIndex = 0;
    return re.test(value);
  }),
  def("glob.quote_meta", ["string"], "string", (args) => str("glob.quote_meta", args, 0).replace(/[*?\\[\]{}]/g, "\\$&")),
];
