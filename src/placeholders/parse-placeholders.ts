// Score placeholders: `${metadata.name}`, `${resources.db.host}`, with the reference implementation's
// escapes: `$$` → `$` (so `$${x}` → `${x}`), a lone `$` stays, and `\.` escapes a dot inside a key.

export interface TextSegment {
  kind: "text";
  text: string;
}
export interface RefSegment {
  kind: "ref";
  /** Path of the reference, escapes removed: ["resources", "db", "host"]. */
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

export interface ParsedTemplate {
  segments: Segment[];
  errors: PlaceholderSyntaxError[];
}

export function parsePlaceholders(s: string): ParsedTemplate {
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
