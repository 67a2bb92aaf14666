/**
 * sprig regex functions. Go's RE2 syntax is translated to JS RegExp where they
 * differ in spelling: `(?P<name>…)`, leading inline flags `(?i)`/`(?s)`/`(?m)`,
 * `\A`, `\z`. Non-must variants return false/""/[] on a bad pattern, as sprig does.
 */
import { def, type FuncDef } from "../funcs.js";

export function goRegExp(pattern: string, global = false): RegExp {
  let p = pattern;
  let flags = global ? "g" : "";
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    p = p.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== "U" && !flags.includes(f)) flags += f;
  }
  p = p.replace(/\(\?P</g, "(?<").replace(/\\A/g, "^").replace(/\\z/g, "$(?![\\s\\S])");
  try {
    return new RegExp(p, flags);
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message}`);
  }
}

/** regexp.Expand for replacement templates: $1, ${1}, $name, ${name}, $$. */
function expand(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, tok: string, braced?: string, bare?: string) => {
    if (tok === "$") return "$";
    const name = braced ?? bare!;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? "";
    return m.groups?.[name] ?? "";
  });
}

function replaceAll(pattern: string, s: string, repl: string, literal: boolean): string {
  const re = goRegExp(pattern, true);
  return s.replace(re, (...args: unknown[]) => {
    if (literal) return repl;
    const groupsObj = typeof args[args.length - 1] === "object" ? (args[args.length - 1] as Record<string, string>) : undefined;
    const nums = args.slice(0, groupsObj ? -3 : -2) as string[];
    const m = Object.assign([...nums], { index: 0, input: s, groups: groupsObj }) as unknown as RegExpExecArray;
    return expand(repl, m);
  });
}

function findAll(pattern: string, s: string, n: number): string[] {
  const re = goRegExp(pattern, true);
  const out: string[] = [];
  for (const m of s.matchAll(re)) {
    if (n >= 0 && out.length >= n) break;
    out.push(m[0]);
  }
  return out;
}

function splitRe(pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  const re = goRegExp(pattern, true);
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (n > 0 && out.length === n - 1) break;
    if (m[0] === "" && m.index === 0) continue;
    out.push(s.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

const soft = <T>(fallback: T, f: () => T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

export const REGEX_FUNCS: Record<string, FuncDef> = {
  regexMatch: def(["string", "string"], (r, s) => soft(false, () => goRegExp(r as string).test(s as string))),
  mustRegexMatch: def(["string", "string"], (r, s) => goRegExp(r as string).test(s as string)),
  regexFind: def(["string", "string"], (r, s) => soft("", () => goRegExp(r as string).exec(s as string)?.[0] ?? "")),
  mustRegexFind: def(["string", "string"], (r, s) => goRegExp(r as string).exec(s as string)?.[0] ?? ""),
  regexFindAll: def(["string", "string", "int"], (r, s, n) => soft<string[]>([], () => findAll(r as string, s as string, n as number))),
  mustRegexFindAll: def(["string", "string", "int"], (r, s, n) => findAll(r as string, s as string, n as number)),
  regexReplaceAll: def(["string", "string", "string"], (r, s, p) => soft("", () => replaceAll(r as string, s as string, p as string, false))),
  mustRegexReplaceAll: def(["string", "string", "string"], (r, s, p) => replaceAll(r as string, s as string, p as string, false)),
  regexReplaceAllLiteral: def(["string", "string", "string"], (r, s, p) => soft("", () => replaceAll(r as string, s as string, p as string, true))),
  mustRegexReplaceAllLiteral: def(["string", "string", "string"], (r, s, p) => replaceAll(r as string, s as string, p as string, true)),
  regexSplit: def(["string", "string", "int"], (r, s, n) => soft<string[]>([], () => splitRe(r as string, s as string, n as number))),
  mustRegexSplit: def(["string", "string", "int"], (r, s, n) => splitRe(r as string, s as string, n as number)),
  regexQuoteMeta: def(["string"], (s) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, "\\$&")),
};
