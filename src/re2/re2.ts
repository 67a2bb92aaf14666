// Go regular expressions for both engines (Rego's regex.* builtins and sprig's regex* functions).
// Matching runs on re2js (a pure-JS port of RE2: linear time, Go's RE2 syntax and leftmost-first semantics),
// never on JavaScript's backtracking RegExp, so `(a+)+$` against "aaaa…b" cannot hang a policy or a template.
// The Go-syntax checker below (a translation to JS RegExp syntax that is no longer executed) gives Go's
// error messages for bad patterns.
// Covers: leading flag groups (?i)(?s)(?m), (?P<name>…), \z \A, \Q…\E, POSIX classes, \pL, Go's ASCII \s,
// and punctuation escapes JS rejects under `u`. Constructs RE2 rejects (look-around, back-references) are errors.

import { RE2JS } from "re2js";

export class RegexSyntaxError extends Error {}

/**
 * The part of the RegExp interface the Go-semantics helpers use (`lastIndex` + `exec`/`test`, as a global
 * RegExp), backed by re2js. Indexes are UTF-16 offsets, as in JS strings.
 */
export class GoRegExp {
  lastIndex = 0;
  private readonly names: Record<string, number>;
  constructor(private readonly re: RE2JS) {
    this.names = re.namedGroups();
  }
  exec(s: string): RegExpExecArray | null {
    const from = Math.min(Math.max(this.lastIndex, 0), s.length);
    const m = this.re.matcher(s);
    if (!m.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const n = m.groupCount();
    const out = [] as unknown as RegExpExecArray;
    for (let i = 0; i <= n; i++) out.push(m.group(i) ?? (undefined as unknown as string));
    out.index = m.start();
    out.input = s;
    const names = Object.keys(this.names);
    if (names.length) {
      const groups: Record<string, string> = {};
      for (const name of names) groups[name] = out[this.names[name]!] as string;
      out.groups = groups;
    }
    this.lastIndex = m.end();
    return out;
  }
  test(s: string): boolean {
    return this.exec(s) !== null;
  }
  /** Whether the pattern matches anywhere in `s`: no groups wanted, so re2js may take its DFA path. */
  matchesIn(s: string): boolean {
    return this.re.test(s);
  }
}

const posix: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const generalCategories = new Set(["L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn"]);

function unicodeClass(name: string, negated: boolean): string {
  const p = negated ? "P" : "p";
  if (name === "Any") return negated ? "[^\\s\\S]" : "[\\s\\S]";
  return generalCategories.has(name) ? `\\${p}{${name}}` : `\\${p}{Script=${name}}`;
}

const lit = (c: string): string => "\\u{" + c.codePointAt(0)!.toString(16) + "}";

export function translateRE2(src: string): { source: string; flags: string } {
  let flags = "u";
  let i = 0;
  // Leading flag groups apply to the whole pattern. (Scoped (?i:…) is approximated the same way.)
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(src.slice(i));
    if (!m) break;
    for (const f of m[1]!) if (f !== "U" && !flags.includes(f)) flags += f;
    i += m[0].length;
  }
  let out = "";
  let inClass = false;
  let depth = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\\") {
      const n = src[i + 1];
      if (n === undefined) throw new RegexSyntaxError("trailing backslash at end of expression");
      if (n === "Q") {
        const end = src.indexOf("\\E", i + 2);
        const text = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        for (const ch of text) out += lit(ch);
        i = end < 0 ? src.length : end + 2;
        continue;
      }
      if (n === "z") {
        out += "(?![\\s\\S])";
        i += 2;
        continue;
      }
      if (n === "A") {
        out += "(?<![\\s\\S])";
        i += 2;
        continue;
      }
      if (n === "s" || n === "S") {
        // Go's \s is ASCII-only: [\t\n\f\r ].
        if (inClass) out += n === "s" ? "\\t\\n\\f\\r " : "\\S";
        else out += n === "s" ? "[\\t\\n\\f\\r ]" : "[^\\t\\n\\f\\r ]";
        i += 2;
        continue;
      }
      if (n === "p" || n === "P") {
        let name: string;
        if (src[i + 2] === "{") {
          const end = src.indexOf("}", i + 3);
          if (end < 0) throw new RegexSyntaxError(`invalid character class range: \`${src.slice(i)}\``);
          name = src.slice(i + 3, end);
          i = end + 1;
        } else {
          name = src[i + 2] ?? "";
          i += 3;
        }
        let neg = n === "P";
        if (name.startsWith("^")) {
          neg = !neg;
          name = name.slice(1);
        }
        out += unicodeClass(name, neg);
        continue;
      }
      if (/[1-9]/.test(n)) throw new RegexSyntaxError(`invalid escape sequence: \`\\${n}\``);
      if (/[dDwWbBnrtfv0x]/.test(n)) {
        if (n === "x" && src[i + 2] === "{") {
          const end = src.indexOf("}", i + 3);
          out += "\\u{" + src.slice(i + 3, end) + "}";
          i = end + 1;
          continue;
        }
        if (n === "0") {
          // Go: \0 followed by up to two octal digits.
          const m = /^[0-7]{0,2}/.exec(src.slice(i + 2))![0];
          out += lit(String.fromCharCode(parseInt("0" + m, 8)));
          i += 2 + m.length;
          continue;
        }
        out += c + n;
        i += 2;
        continue;
      }
      if (/[a-zA-Z0-9]/.test(n)) throw new RegexSyntaxError(`invalid escape sequence: \`\\${n}\``);
      out += lit(n);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "[" && src[i + 1] === ":") {
        const end = src.indexOf(":]", i + 2);
        if (end > 0) {
          let name = src.slice(i + 2, end);
          const neg = name.startsWith("^");
          if (neg) name = name.slice(1);
          const cls = posix[name];
          if (!cls) throw new RegexSyntaxError(`invalid character class range: \`${src.slice(i, end + 2)}\``);
          if (neg) throw new RegexSyntaxError("negated POSIX classes inside a class are not supported");
          out += cls;
          i = end + 2;
          continue;
        }
      }
      if (c === "]") {
        inClass = false;
        out += c;
        i++;
        continue;
      }
      if (c === "[" || c === "{" || c === "}" || c === "(" || c === ")" || c === "|" || c === "/") {
        out += "\\" + c;
        i++;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += "[";
      i++;
      if (src[i] === "^") {
        out += "^";
        i++;
      }
      // A leading ']' is a literal in RE2.
      if (src[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(") {
      depth++;
      if (src.startsWith("(?P<", i)) {
        out += "(?<";
        i += 4;
        continue;
      }
      if (/^\(\?(=|!|<=|<!)/.test(src.slice(i))) throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`${src.slice(i, i + 3)}\``);
      const fm = /^\(\?([imsU-]*):/.exec(src.slice(i));
      if (fm) {
        for (const f of fm[1]!.split("-")[0]!) if (f !== "U" && !flags.includes(f)) flags += f;
        out += "(?:";
        i += fm[0].length;
        continue;
      }
      const fg = /^\(\?([imsU-]+)\)/.exec(src.slice(i));
      if (fg) {
        depth--;
        for (const f of fg[1]!.split("-")[0]!) if (f !== "U" && !flags.includes(f)) flags += f;
        i += fg[0].length;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) throw new RegexSyntaxError(`unexpected ): \`${src}\``);
      depth--;
      out += c;
      i++;
      continue;
    }
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        if (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000)) throw new RegexSyntaxError(`invalid repeat count: \`${m[0]}\``);
        out += m[0];
        i += m[0].length;
        continue;
      }
      out += "\\{";
      i++;
      continue;
    }
    if (c === ".") {
      // Go's `.` excludes only \n; JS's also excludes \r and the Unicode line separators.
      out += flags.includes("s") ? "[\\s\\S]" : "[^\\n]";
      i++;
      continue;
    }
    if (c === "}" || c === "]" || c === "/") {
      out += "\\" + c;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw new RegexSyntaxError(`missing closing ]: \`${src}\``);
  if (depth > 0) throw new RegexSyntaxError(`missing closing ): \`${src}\``);
  return { source: out, flags };
}

/**
 * Compiled patterns shared by every evaluation and template run in the process: compiling with re2js costs
 * far more than matching (a policy pack over 1,000 workloads spent a third of its time recompiling the same
 * three patterns per workload). A pattern always compiles to the same matcher, so sharing changes no result.
 * Bounded in entries and pattern length (oldest out first): a policy building patterns in a loop cannot
 * grow it without end. Callers set `lastIndex` before each use, as they do for a per-evaluation cache.
 */
const sharedPatterns = new Map<string, GoRegExp>();
const MAX_SHARED = 512;
const MAX_SHARED_PATTERN = 4096;

/**
 * The matcher for `key` in `shared` (one such map per kind of pattern: RE2 sources here, globs in
 * builtins/glob.ts), built by `build` (which may throw: failures are not cached) when absent.
 */
export function sharedRegExp(shared: Map<string, GoRegExp>, key: string, build: () => GoRegExp): GoRegExp {
  const hit = shared.get(key);
  if (hit !== undefined) return hit;
  const re = build();
  if (key.length <= MAX_SHARED_PATTERN) {
    if (shared.size >= MAX_SHARED) shared.delete(shared.keys().next().value!);
    shared.set(key, re);
  }
  return re;
}

/** Compile a Go regular expression (shared, see above). Errors read like Go's `error parsing regexp: …`. */
export function compileRE2(src: string, cache?: Map<string, unknown>): GoRegExp {
  // Looked up by the pattern itself first: a policy's pattern is a literal whose hash V8 keeps, where a
  // prefixed key would be a new string to hash on every call.
  const hit = sharedPatterns.get(src);
  if (hit !== undefined) return hit;
  const ck = "re2:" + src;
  const cached = cache?.get(ck);
  if (cached instanceof GoRegExp) return cached;
  const re = sharedRegExp(sharedPatterns, src, () => {
    try {
      const t = translateRE2(src);
      new RegExp(t.source, t.flags); // syntax check only: Go's messages for what RE2 rejects
      return new GoRegExp(RE2JS.compile(src));
    } catch (e) {
      const msg = e instanceof RegexSyntaxError ? e.message : `invalid regular expression: \`${src}\``;
      throw new RegexSyntaxError("error parsing regexp: " + msg);
    }
  });
  cache?.set(ck, re);
  return re;
}

/** Go's FindAll…Index: non-overlapping leftmost matches; no empty match right after a previous match. */
export function findAll(re: GoRegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(start);
      pos = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand for ReplaceAllString: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
export function expand(template: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== "$") {
      out += c;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close < 0 || !/^\w+$/.test(inner)) {
        out += c;
        continue;
      }
      name = inner;
      end = close;
    } else {
      const r = /^\w+/.exec(template.slice(i + 1));
      if (!r) {
        out += c;
        continue;
      }
      name = r[0];
      end = i + r[0].length;
    }
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? "";
    else out += m.groups?.[name] ?? "";
    i = end;
  }
  return out;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

/** Go's Regexp.Split(s, n): n < 0 all pieces, n == 0 none, n > 0 at most n. */
export function goSplit(re: GoRegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (s === "") return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    const mEnd = m.index + m[0].length;
    if (mEnd !== 0) out.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's Regexp.ReplaceAllString (with `$1`/`${name}` expansion) or ReplaceAllLiteralString. */
export function goReplaceAll(re: GoRegExp, s: string, repl: string, literal: boolean): string {
  let out = "";
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + (literal ? repl : expand(repl, m));
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}
