// Substitution: resolve each reference through a resolver; a non-string value is inserted as JSON.
// A failure never becomes an empty string: it is an error at the placeholder's offset.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { parsePlaceholders, type ParsedTemplate, type RefSegment } from "./parse-placeholders.js";

/** `replacement`: the placeholder text a "did you mean" fix would write instead. */
export type Resolution = { value: unknown } | { error: string; ruleId?: string; replacement?: string };
export type Resolver = (ref: RefSegment) => Resolution;

export interface SubstitutionError {
  message: string;
  /** Offsets in the original string. */
  start: number;
  end: number;
  raw: string;
  ruleId?: string;
  replacement?: string;
}

export interface SubstitutionResult {
  /** The substituted string; when the whole string is one placeholder, the value itself (`whole: true`). */
  value: string;
  errors: SubstitutionError[];
  refs: RefSegment[];
}

export function substitute(s: string, resolve: Resolver): SubstitutionResult {
  const { segments, errors: syntax } = parsePlaceholders(s);
  const errors = syntaxErrors(s, syntax);
  const refs: RefSegment[] = [];
  let out = "";
  for (const seg of segments) {
    if (seg.kind === "text") {
      out += seg.text;
      continue;
    }
    refs.push(seg);
    if (isMalformed(seg)) continue; // already a syntax error
    const r = resolve(seg);
    if ("error" in r) {
      errors.push(resolutionError(seg, r));
      continue;
    }
    out += typeof r.value === "string" ? r.value : JSON.stringify(r.value);
  }
  return { value: out, errors, refs };
}

/**
 * The errors `substitute` would give, without building the substituted string: checking only needs to
 * know what fails, and most values have nothing to report.
 */
export function substitutionErrors(s: string, resolve: Resolver): SubstitutionError[] {
  const { segments, errors: syntax } = parsePlaceholders(s);
  const errors = syntaxErrors(s, syntax);
  for (const seg of segments) {
    if (seg.kind === "text" || isMalformed(seg)) continue;
    const r = resolve(seg);
    if ("error" in r) errors.push(resolutionError(seg, r));
  }
  return errors;
}

function syntaxErrors(s: string, syntax: ParsedTemplate["errors"]): SubstitutionError[] {
  return syntax.length === 0 ? [] : syntax.map((e) => ({ ...e, raw: s.slice(e.start, e.end), ruleId: "score/placeholder-syntax" }));
}

function isMalformed(seg: RefSegment): boolean {
  return seg.path.length === 0 || seg.path.some((p) => p === "");
}

function resolutionError(seg: RefSegment, r: { error: string; ruleId?: string; replacement?: string }): SubstitutionError {
  return { message: r.error, start: seg.start, end: seg.end, raw: seg.raw, ...(r.ruleId ? { ruleId: r.ruleId } : {}), ...(r.replacement ? { replacement: r.replacement } : {}) };
}

/** Look a path up in nested plain objects; undefined when any step is missing. */
export function lookup(root: unknown, path: readonly string[]): { found: true; value: unknown } | { found: false; at: number } {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== "object") return { found: false, at: i };
    const key = path[i]!;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key) || Number(key) >= cur.length) return { found: false, at: i };
      cur = cur[Number(key)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, key)) return { found: false, at: i };
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return { found: true, value: cur };
}

/** "a, b or c" — for listing known alternatives in messages. */
export function listAlternatives(names: readonly string[]): string {
  const sorted = [...names].sort(byCodePoint);
  if (sorted.length === 0) return "none";
  if (sorted.length === 1) return `"${sorted[0]}"`;
  return sorted.slice(0, -1).map((n) => `"${n}"`).join(", ") + " or " + `"${sorted[sorted.length - 1]}"`;
}
