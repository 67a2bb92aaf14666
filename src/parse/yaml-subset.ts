// A reader for the plain block YAML that provisioner templates render: block mappings and sequences,
// single-line plain and quoted scalars, `[a, "b"]`, `[]`, `{}` and `|`/`|-` literals. It exists for speed
// (the `yaml` library builds a CST and a Document per field per resource, most of a generate run), and it
// is never the judge: anything outside that subset — anchors, tags, flow mappings, multi-line plain or
// quoted scalars, `>` and `|+` scalars, escapes other than the common ones, comments after a value,
// document markers, tabs, control characters — returns undefined and the caller parses with `yaml`. What it
// accepts it reads as `yaml.parse(text, { schema: "core", uniqueKeys: false })` does (the core schema's own
// tests and conversions below; a property test compares both on generated documents). Asked to, it also
// records where each node sits (subset-positions.ts), as the library's Document would place it.
import { MAP, PositionRecorder, SEQ, type SubsetPositions } from "./subset-positions.js";

export interface SubsetOptions {
  /**
   * Decline a mapping that names a key twice (the library's `uniqueKeys: true` makes that an error): Score
   * files are read with it, so the library must be the one to report it. Keys are compared as the object
   * properties they become, which finds every pair the library calls duplicates (and a few more, `1` and
   * `"1"`, which the library then reads).
   */
  uniqueKeys?: boolean;
}

/**
 * Tabs, CR, control characters, NEL/LS/PS, BOM: the library's rules there are subtle; let it decide. And
 * the Unicode spaces JavaScript's trim removes but YAML keeps as content (from \u00a0 on).
 */
const OUTSIDE_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;

/** The value, or undefined when the text is not in the subset (then use the `yaml` library). */
export function parseYamlSubset(text: string, options: SubsetOptions = {}): { value: unknown } | undefined {
  return read(text, options, false);
}

/**
 * The value and where its nodes sit, or undefined when the text is not in the subset. A second read of a
 * text the subset accepted: the first read (the value alone) leaves no trace in memory per node.
 */
export function positionYamlSubset(text: string, options: SubsetOptions = {}): SubsetPositions | undefined {
  return read(text, options, true)?.positions;
}

function read(text: string, options: SubsetOptions, record: boolean): { value: unknown; positions?: SubsetPositions } | undefined {
  if (OUTSIDE_CHARACTERS.test(text)) return undefined;
  const raw = text.split("\n");
  const endsWithBreak = raw[raw.length - 1] === "";
  if (endsWithBreak) raw.pop();
  const lines: Line[] = raw.map((r) => {
    let indent = 0;
    while (r.charCodeAt(indent) === 32) indent++;
    return { indent, text: r.slice(indent) };
  });
  for (const l of lines) if (l.indent === 0 && /^(---|\.\.\.)( |$)|^%/.test(l.text)) return undefined;
  const rec = record ? new PositionRecorder(text, raw.map((r) => r.length)) : undefined;
  const reader = new Reader(lines, endsWithBreak, options.uniqueKeys === true, rec);
  try {
    const value = reader.node(-1, false, -1, false);
    reader.skip();
    if (reader.pos < lines.length) return undefined;
    return rec ? { value, positions: rec.done() } : { value };
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

interface Line {
  indent: number;
  /** The line after its indentation. */
  text: string;
}

/** Thrown (and caught above) when the text leaves the subset. */
const OUTSIDE = Symbol("outside the subset");
function outside(): never {
  throw OUTSIDE;
}

export const isSeqItem = (t: string): boolean => t === "-" || t.startsWith("- ");
const blank = (l: Line): boolean => l.text === "";

/**
 * Comment lines after a value, up to the next content line: the library gives them to the innermost
 * collection that is closed there unless they sit left of its indentation (it then passes them outward,
 * see positions in Reader), and such a collection's node then ends where the next content starts.
 */
interface TrailingComments {
  /** The rightmost column a comment line starts at. */
  maxColumn: number;
  /** Offset of the next content (its first character after the indentation), or the text's end. */
  end: number;
}

class Reader {
  pos = 0;
  /**
   * Recording positions: the library's end (`range[2]`) of the node last read — what its parent
   * collection's `range[1]` is when it is the last item — and comment lines after it not yet given to a
   * collection.
   */
  private lastEnd = 0;
  private trailing: TrailingComments | undefined;

  constructor(
    private readonly lines: Line[],
    private readonly endsWithBreak: boolean,
    private readonly uniqueKeys: boolean,
    private readonly rec?: PositionRecorder,
  ) {}

  /** Past blank and comment lines. */
  skip(): void {
    while (this.pos < this.lines.length && (blank(this.lines[this.pos]!) || this.lines[this.pos]!.text.startsWith("#"))) this.pos++;
  }

  /**
   * The block node below a parent at `parentIndent` (a sequence may sit at the parent's own indent).
   * `line` is the line of the key or dash it belongs to and `lead` whether comment lines came before
   * that dash (both for the position of an empty node).
   */
  node(parentIndent: number, seqAtParent: boolean, line: number, lead: boolean): unknown {
    this.skip();
    const l = this.lines[this.pos];
    if (!l) return this.empty(line, lead);
    if (l.indent < parentIndent || (l.indent === parentIndent && !(seqAtParent && isSeqItem(l.text)))) return this.empty(line, lead);
    if (isSeqItem(l.text)) return this.seq(l.indent);
    if (keyColon(l.text) >= 0 || l.text.startsWith('"') || l.text.startsWith("'")) {
      const entry = splitEntry(l.text);
      if (entry) return this.map(l.indent);
    }
    // A scalar on its own line (a whole document, or a value below its key).
    if (l.text.startsWith("|") || l.text.startsWith(">")) outside();
    const at = this.pos++;
    return this.inline(l.text, parentIndent, at, l.indent, false);
  }

  seq(indent: number): unknown[] {
    const out: unknown[] = [];
    const rec = this.rec;
    const id = rec ? rec.open(SEQ, rec.lineStarts[this.pos]! + indent) : 0;
    for (;;) {
      this.skip();
      const l = this.lines[this.pos];
      if (!l || l.indent < indent) break;
      if (l.indent > indent) outside();
      if (!isSeqItem(l.text)) break;
      // Comment lines before this dash are part of its item for the library (an empty item then ends after them).
      const lead = this.trailing !== undefined;
      this.trailing = undefined;
      if (l.text === "-") {
        const at = this.pos++;
        out.push(this.node(indent, false, at, lead));
        continue;
      }
      let s = 1;
      while (l.text.charCodeAt(s) === 32) s++;
      const content = l.text.slice(s);
      if (isSeqItem(content) || splitEntry(content)) {
        // `- key: v` / `- - x`: a compact node at the column after the dash; read the line as if it started there.
        this.lines[this.pos] = { indent: indent + s, text: content };
        out.push(this.node(indent, false, this.pos, lead));
      } else {
        const at = this.pos++;
        out.push(this.inline(content, indent, at, indent + s, lead));
      }
    }
    if (rec) this.closeBlock(id, indent);
    return out;
  }

  map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const rec = this.rec;
    const id = rec ? rec.open(MAP, rec.lineStarts[this.pos]! + indent) : 0;
    for (;;) {
      this.skip();
      const l = this.lines[this.pos];
      if (!l || l.indent < indent) break;
      if (l.indent > indent) outside();
      if (isSeqItem(l.text)) break;
      const entry = splitEntry(l.text) ?? outside();
      // Mostly false, and then the one property lookup a key costs (`in` also sees inherited names).
      const present = entry.key in out;
      if (present && this.uniqueKeys && Object.hasOwn(out, entry.key)) outside();
      const at = this.pos++;
      if (rec) {
        const lineAt = rec.lineStarts[at]! + l.indent;
        rec.pairKey(lineAt, lineAt + entry.keyEnd, entry.keyIsNull ? "null" : entry.key);
        this.trailing = undefined; // comment lines before a key belong to that key
      }
      const value = entry.rest === "" ? this.node(indent, true, at, false) : this.inline(entry.rest, indent, at, rec ? l.indent + restStart(l.text, entry.afterColon) : 0, false);
      // As the library adds a pair: a key already there (or inherited, `__proto__`) becomes an own property.
      if (present) Object.defineProperty(out, entry.key, { value, writable: true, enumerable: true, configurable: true });
      else out[entry.key] = value;
    }
    if (rec) this.closeBlock(id, indent);
    return out;
  }

  /**
   * A block collection ends where its last item ends; comment lines after that item stay with it (and
   * extend its end to the next content) unless the library passes them to the parent: when the
   * collection sits at column 0, or every comment line starts left of its indentation.
   */
  private closeBlock(id: number, indent: number): void {
    this.rec!.close(id, this.lastEnd);
    const t = this.trailing;
    if (t && indent !== 0 && t.maxColumn >= indent) {
      this.lastEnd = t.end;
      this.trailing = undefined;
    }
  }

  /**
   * A value written on the line of its key or dash (`rest`, at `column` of `line`); lines below must not
   * continue it.
   */
  inline(rest: string, parentIndent: number, line: number, column: number, lead: boolean): unknown {
    if (rest === "|" || rest === "|-") return this.literal(parentIndent, rest === "|-", line, column);
    const rec = this.rec;
    const extents: number[] | undefined = rec && rest[0] === "[" ? [] : undefined;
    const value = flowOrScalar(rest, extents);
    // A more-indented line (a comment included) would continue a plain scalar or be an error: the library decides.
    let j = this.pos;
    while (j < this.lines.length && blank(this.lines[j]!)) j++;
    const following = this.lines[j];
    if (following && following.indent > parentIndent) outside();
    if (rec) {
      if (rest === "") return this.empty(line, lead);
      const at = rec.lineStarts[line]! + column;
      if (extents) {
        const id = rec.open(SEQ, at);
        for (let k = 0; k + 1 < extents.length; k += 2) rec.scalar(at + extents[k]!, at + extents[k + 1]!);
        rec.close(id, at + extents[extents.length - 1]!);
      } else if (rest === "{}") {
        rec.close(rec.open(MAP, at), at + 2);
      } else {
        rec.scalar(at, at + scalarLength(rest));
      }
      // The line break after a flow value is part of it.
      this.lastEnd = rec.nextLineStart(line);
      this.trailing = this.commentsAfter();
    }
    return value;
  }

  /**
   * An empty value (`key:`, `-`): the library places it at the end of its line, and when comment lines
   * follow it (or, for a dash, came before it) it ends where the next content starts.
   */
  private empty(line: number, lead: boolean): null {
    const rec = this.rec;
    if (!rec) return null;
    const at = line < 0 ? 0 : rec.lineEnd(line);
    rec.scalar(at, at);
    let comments = lead;
    let i = line + 1;
    for (; i < this.lines.length && (blank(this.lines[i]!) || this.lines[i]!.text.startsWith("#")); i++) if (!blank(this.lines[i]!)) comments = true;
    this.lastEnd = comments ? this.contentStart(i) : at;
    this.trailing = undefined;
    return null;
  }

  /** Offset of line `i`'s content, or the text's end past the last line. */
  private contentStart(i: number): number {
    return i < this.lines.length ? this.rec!.lineStarts[i]! + this.lines[i]!.indent : this.rec!.text.length;
  }

  /** The comment lines from the current line to the next content, if any. */
  private commentsAfter(): TrailingComments | undefined {
    let maxColumn = -1;
    let i = this.pos;
    for (; i < this.lines.length; i++) {
      const l = this.lines[i]!;
      if (blank(l)) continue;
      if (!l.text.startsWith("#")) break;
      if (l.indent > maxColumn) maxColumn = l.indent;
    }
    return maxColumn < 0 ? undefined : { maxColumn, end: this.contentStart(i) };
  }

  /** `|` (clip) or `|-` (strip): lines more indented than the parent, the first one setting the indent. */
  literal(parentIndent: number, strip: boolean, line: number, column: number): string {
    const start = this.pos;
    let first = start;
    while (first < this.lines.length && blank(this.lines[first]!)) first++;
    const firstLine = this.lines[first];
    if (!firstLine || firstLine.indent <= parentIndent) outside();
    const m = firstLine.indent;
    // A leading empty line must be empty (a line of spaces only is content the library measures itself).
    for (let i = start; i < first; i++) if (this.lines[i]!.indent > 0) outside();
    const body: string[] = [];
    let end = start;
    for (let i = start; i < this.lines.length; i++) {
      const l = this.lines[i]!;
      if (blank(l)) {
        if (l.indent > 0) outside();
        body.push("");
        continue;
      }
      if (l.indent < m) break;
      body.push(" ".repeat(l.indent - m) + l.text);
      end = i + 1;
    }
    if (end === this.lines.length && !this.endsWithBreak) outside(); // the last line has no line break
    const lastLine = this.lines[end];
    if (lastLine && (lastLine.indent > parentIndent || lastLine.text.startsWith("#"))) outside();
    this.pos = end;
    const rec = this.rec;
    if (rec) {
      // The scalar runs from its indicator to the line break of its last content line.
      this.lastEnd = rec.nextLineStart(end - 1);
      rec.scalar(rec.lineStarts[line]! + column, this.lastEnd);
      this.trailing = this.commentsAfter();
    }
    const content = body.slice(0, end - start).join("\n");
    return strip ? content : content + "\n";
  }
}

/** Index of the `:` that ends a plain implicit key (followed by a space or the end), or -1. */
export function keyColon(t: string): number {
  for (let i = t.indexOf(":"); i >= 0; i = t.indexOf(":", i + 1)) if (i + 1 === t.length || t[i + 1] === " ") return i;
  return -1;
}

interface Entry {
  /** The key as the object property it becomes. */
  key: string;
  /** The key is the null scalar (`~`, `null`, ...): the property is "" but the library compares "null". */
  keyIsNull: boolean;
  /** Where the key's text ends in the line (after a closing quote). */
  keyEnd: number;
  /** The value's text, trimmed ("" when the value is below). */
  rest: string;
  /** Where the text after the `:` starts in the line (spaces, then `rest`). */
  afterColon: number;
}

/** Characters a plain key may not start with (indicators: the library reads those otherwise). */
const KEY_INDICATORS = new Set([..."-?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

/** `key: rest`, or undefined when the line is no simple entry. */
export function splitEntry(t: string): Entry | undefined {
  let keyText: string;
  let after: string;
  let key: string;
  let keyIsNull = false;
  let keyEnd: number;
  if (t[0] === '"' || t[0] === "'") {
    const q = quoted(t);
    if (!q) return undefined;
    after = t.slice(q.end);
    if (!(after === ":" || after.startsWith(": "))) return undefined;
    key = q.value;
    keyEnd = q.end;
    after = after.slice(1);
  } else {
    const c = keyColon(t);
    if (c <= 0) return undefined;
    keyText = t.slice(0, c);
    // Keys that start with an indicator, hold a comment, end in a space or are long: the library decides.
    if (c > 1000 || KEY_INDICATORS.has(t.charCodeAt(0)) || keyText.includes(" #") || t.charCodeAt(c - 1) === 32 || keyText === "<<") return undefined;
    const v = plainScalar(keyText);
    keyIsNull = v === null;
    key = keyIsNull ? "" : String(v);
    keyEnd = c;
    after = t.slice(c + 1);
  }
  const rest = after.trim();
  if (rest.startsWith("#")) return undefined;
  return { key, keyIsNull, keyEnd, rest, afterColon: t.length - after.length };
}

/** Where the value starts after a key's `:` (the subset has no other whitespace than spaces there). */
export function restStart(t: string, from: number): number {
  while (t.charCodeAt(from) === 32) from++;
  return from;
}

/** The length of a scalar's text in `t` (a quoted one to its closing quote), as the library's range has it. */
function scalarLength(t: string): number {
  return t[0] === '"' || t[0] === "'" ? quoted(t)!.end : t.trimEnd().length;
}

/** Characters a plain scalar may not start with (`-` aside: allowed before a digit, letter, `.` or `/`). */
const SCALAR_INDICATORS = new Set([..."?:,[]{}#&*!|>%@`"].map((c) => c.charCodeAt(0)));

/**
 * A single-line flow sequence, `{}`, or a scalar. `extents` (recording positions) receives a flow
 * sequence's item ranges and the end of its `]`, as offsets in `t`.
 */
function flowOrScalar(t: string, extents?: number[]): unknown {
  if (t === "{}") return {};
  if (t[0] === "[") return flowSeq(t, extents);
  if (t[0] === '"' || t[0] === "'") {
    const q = quoted(t) ?? outside();
    if (t.slice(q.end).trim() !== "") outside();
    return q.value;
  }
  const first = t.charCodeAt(0);
  if (SCALAR_INDICATORS.has(first) || (first === 45 && !/^-[0-9A-Za-z./]/.test(t))) outside();
  if (t.includes(" #") || t.includes(": ") || t.endsWith(":")) outside();
  return plainScalar(t.trimEnd());
}

function flowSeq(t: string, extents?: number[]): unknown[] {
  if (t === "[]") {
    extents?.push(2);
    return [];
  }
  const out: unknown[] = [];
  let i = 1;
  for (;;) {
    while (t[i] === " ") i++;
    let item: unknown;
    if (t[i] === '"' || t[i] === "'") {
      const q = quoted(t.slice(i)) ?? outside();
      item = q.value;
      extents?.push(i, i + q.end);
      i += q.end;
    } else {
      let j = i;
      while (j < t.length && !",[]{}\"'#:&*!|>%@`?".includes(t[j]!)) j++;
      const plain = t.slice(i, j).trimEnd();
      if (plain === "" || plain.startsWith("-") && (plain === "-" || plain[1] === " ")) outside();
      item = plainScalar(plain);
      extents?.push(i, i + plain.length);
      i = j;
    }
    out.push(item);
    while (t[i] === " ") i++;
    if (t[i] === ",") {
      i++;
      continue;
    }
    if (t[i] === "]" && t.slice(i + 1).trim() === "") {
      extents?.push(i + 1);
      return out;
    }
    outside();
  }
}

const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" };

/**
 * A quoted scalar closed on this line: its value and the index after the closing quote. Built from slices
 * between escapes, not a character at a time: a string grown by `+=` per character is a rope of as many
 * pieces, and the values read here live as long as the run (a project of 10,000 files holds millions).
 */
export function quoted(t: string): { value: string; end: number } | undefined {
  let out = "";
  let from = 1;
  if (t[0] === "'") {
    for (;;) {
      const i = t.indexOf("'", from);
      if (i < 0) return undefined;
      if (t[i + 1] !== "'") return { value: out + t.slice(from, i), end: i + 1 };
      out += t.slice(from, i + 1); // '' is one quote
      from = i + 2;
    }
  }
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x22) return { value: out + t.slice(from, i), end: i + 1 };
    if (c === 0x5c) {
      const e = ESCAPES[t[i + 1] ?? ""];
      if (e === undefined) return undefined;
      out += t.slice(from, i) + e;
      i++;
      from = i + 1;
    }
  }
  return undefined;
}

// The core schema's plain-scalar tests and conversions, in the library's order (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * First characters some test above can match: the other plain scalars (most keys and values, `nginx`,
 * `svc-1`, `${…}`) are their text, found without running eight patterns.
 */
const MAY_CONVERT = new Set([..."-+.0123456789~nNtTfF"].map((c) => c.charCodeAt(0)));

function plainScalar(s: string): unknown {
  if (s !== "" && !MAY_CONVERT.has(s.charCodeAt(0))) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === "t" || s[0] === "T";
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
