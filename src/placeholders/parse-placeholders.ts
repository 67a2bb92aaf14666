// Score placeholders: `${metadata.name}`, `${resources.db.host}`, with the reference implementation's
// escapes: `$$` → `$` (so `$${x}` → `${x}`), a lone `$` stays, and `\.` escapes a dot inside a key.
import { boundedMemo } from "../data/bounded-memo.js";

export interface TextSegment {
  kind: "text";
  text: string;
}
export interface RefSegment {
  kind: "ref";
  /** Path of the reference, escapes removed: ["resources", "db", "host"]. Shared by every parse of the same string: never change it. */
  path: string[];
  /** The placeholder as written, `${…}` included. */
  raw: string;
  /** Offsets of `${` and just after `}` in the original string. */
  start: number;
  end: number;
}
export type Segment = TextSegment | RefSegment;

export interface PlaceholderSyntaxError {
  message: string;
  start: number;
  end: number;
}

/** Shared between callers (see the cache below): read it, never change it. */
export interface ParsedTemplate {
  readonly segments: readonly Readonly<Segment>[];
  readonly errors: readonly Readonly<PlaceholderSyntaxError>[];
}

const NOTHING: ParsedTemplate = Object.freeze({ segments: Object.freeze([]), errors: Object.freeze([]) });

/**
 * The same strings are parsed by the check stage, again when resolving for a target, and across workloads
 * that share a value (`${metadata.name}`), so results are kept per string. Bounded: only short strings,
 * and the whole cache is dropped when full (a file content or a huge project cannot grow it without end).
 */
const parseCached = boundedMemo(parse, 4096, 512);

export function parsePlaceholders(s: string): ParsedTemplate {
  // Text with no `$` at all (most values) is one text segment: no scan, no cache entry.
  if (s.indexOf("$") < 0) return s === "" ? NOTHING : { segments: [{ kind: "text", text: s }], errors: [] };
  return parseCached(s);
}

function parse(s: string): ParsedTemplate {
  const segments: Segment[] = [];
  const errors: PlaceholderSyntaxError[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) !== 0x24 /* $ */) {
      // The run up to the next `$` is plain text: one slice, not one concatenation per character.
      const dollar = s.indexOf("$", i);
      const stop = dollar < 0 ? s.length : dollar;
      text += s.slice(i, stop);
      i = stop;
      continue;
    }
    const next = s[i + 1];
    if (next === "$") {
      text += "$";
      i += 2;
      continue;
    }
    if (next !== "{") {
      text += "$"; // a lone `$` is left as it is
      i++;
      continue;
    }
    const close = s.indexOf("}", i + 2);
    if (close < 0) {
      errors.push({ message: `unterminated placeholder "${s.slice(i, i + 24)}${s.length - i > 24 ? "…" : ""}": missing "}" (write $$ for a literal $)`, start: i, end: s.length });
      text += s.slice(i);
      break;
    }
    const raw = s.slice(i, close + 1);
    const path = splitRef(s.slice(i + 2, close));
    if (path.length === 0 || path.some((p) => p === "")) {
      errors.push({ message: `malformed placeholder ${raw}: expected names separated by dots, e.g. \${resources.db.host}`, start: i, end: close + 1 });
    }
    if (text) segments.push({ kind: "text", text });
    text = "";
    segments.push({ kind: "ref", path, raw, start: i, end: close + 1 });
    i = close + 1;
  }
  if (text) segments.push({ kind: "text", text });
  return { segments, errors };
}

/** Split on dots, honouring `\.` as a literal dot inside a key. */
function splitRef(ref: string): string[] {
  if (ref.trim() === "") return [];
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i]!;
    if (c === "\\" && ref[i + 1] === ".") {
      cur += ".";
      i++;
    } else if (c === ".") {
      parts.push(cur);
      cur = "";
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}
