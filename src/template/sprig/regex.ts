/**
 * sprig regex functions, on the same Go RE2 → JS translation and Go match semantics as Rego's regex
 * builtins (src/re2): code points not UTF-16 units, `\pL`, ASCII `\s`, Go's empty-match rules.
 * Non-must variants return false/""/[] on a bad pattern, as sprig does.
 */
import { type GoRegExp, compileRE2, findAll, goReplaceAll, goSplit, quoteMeta } from "../../re2/re2.js";
import { def, type FuncDef } from "../funcs.js";

/** Compiled patterns, shared by all executions (a provisioner file has a handful). */
const cache = new Map<string, unknown>();
const MAX_CACHED = 256;

export function goRegExp(pattern: string): GoRegExp {
  if (cache.size > MAX_CACHED) cache.clear();
  const re = compileRE2(pattern, cache);
  re.lastIndex = 0;
  return re;
}

const match = (r: string, s: string): boolean => goRegExp(r).test(s);
const find = (r: string, s: string): string => goRegExp(r).exec(s)?.[0] ?? "";
const findAllText = (r: string, s: string, n: number): string[] => findAll(goRegExp(r), s, n).map((m) => m[0]);
const replaceAll = (r: string, s: string, repl: string, literal: boolean): string => goReplaceAll(goRegExp(r), s, repl, literal);
const split = (r: string, s: string, n: number): string[] => goSplit(goRegExp(r), s, n);

const soft = <T>(fallback: T, f: () => T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

export const REGEX_FUNCS: Record<string, FuncDef> = {
  regexMatch: def(["string", "string"], (r, s) => soft(false, () => match(r as string, s as string))),
  mustRegexMatch: def(["string", "string"], (r, s) => match(r as string, s as string)),
  regexFind: def(["string", "string"], (r, s) => soft("", () => find(r as string, s as string))),
  mustRegexFind: def(["string", "string"], (r, s) => find(r as string, s as string)),
  regexFindAll: def(["string", "string", "int"], (r, s, n) => soft<string[]>([], () => findAllText(r as string, s as string, n as number))),
  mustRegexFindAll: def(["string", "string", "int"], (r, s, n) => findAllText(r as string, s as string, n as number)),
  regexReplaceAll: def(["string", "string", "string"], (r, s, p) => soft("", () => replaceAll(r as string, s as string, p as string, false))),
  mustRegexReplaceAll: def(["string", "string", "string"], (r, s, p) => replaceAll(r as string, s as string, p as string, false)),
  regexReplaceAllLiteral: def(["string", "string", "string"], (r, s, p) => soft("", () => replaceAll(r as string, s as string, p as string, true))),
  mustRegexReplaceAllLiteral: def(["string", "string", "string"], (r, s, p) => replaceAll(r as string, s as string, p as string, true)),
  regexSplit: def(["string", "string", "int"], (r, s, n) => soft<string[]>([], () => split(r as string, s as string, n as number))),
  mustRegexSplit: def(["string", "string", "int"], (r, s, n) => split(r as string, s as string, n as number)),
  regexQuoteMeta: def(["string"], (s) => quoteMeta(s as string)),
};
