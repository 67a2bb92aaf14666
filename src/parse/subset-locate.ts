// Positions of single JSON pointers in a file the subset reader (yaml-subset.ts) accepted, found by walking
// only the lines on the pointer's path: a finding then costs a few dozen lines, not a read of the whole
// file with every node recorded (subset-positions.ts). It relies on the text being in the subset (the
// reader accepted it), where every node starts on its own line or after its key or dash, and everything
// below a key or dash is more indented. Whatever it is not sure to answer exactly as the full index does —
// an empty value, a `|` literal, comment lines after a collection's last line (the library then moves the
// collection's end), a pointer into a flow sequence — it declines (undefined), and the caller asks the
// full index. test/parse/subset-positions.test.ts compares both on every pointer of many documents.
import { linePosIn, MAP, SCALAR, SEQ } from "./subset-positions.js";
import { isSeqItem, keyColon, quoted, restStart, splitEntry } from "./yaml-subset.js";

/** What SourceFile needs of the node a pointer reaches: as SubsetPositions records it. */
export interface LocatedRange {
  kind: typeof SCALAR | typeof MAP | typeof SEQ;
  start: number;
  end: number;
  /** The key of the mapping pair whose value the walk last stepped into (-1: none, or a sequence item since). */
  keyStart: number;
  keyEnd: number;
}

/** A node met on the walk: a block collection whose first entry or dash is at `col` of `line`, or an inline value. */
interface Step {
  kind: typeof SCALAR | typeof MAP | typeof SEQ;
  line: number;
  col: number;
  /** For a value written on its key's or dash's line (a scalar, `[…]`, `{}`): its range. */
  inline?: { start: number; end: number };
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const BAR = 124;

/**
 * Segments whose plain key reads as the segment itself and only when written exactly so: letters first
 * (no number, and nothing the core schema reads as another value than the text but these literals).
 */
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_.\/-]*$/;
const NOT_ITSELF = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const LETTER = /[A-Za-z_]/;

export class SubsetLocator {
  /** Offsets where lines start, as the library's LineCounter holds them (one after a final line break). */
  readonly lineStarts: Int32Array;
  /**
   * Lines looked at so far. Each lookup reads up to the whole file; the full index reads it once for all
   * pointers, so a file asked about many times is better served by that (see `worthIt`).
   */
  private linesRead = 0;
  /** Answers by pointer: findings about one file come in bursts, often several on one node. */
  private readonly answers = new Map<string, LocatedRange | undefined>();
  private rootStep?: Step | null;

  constructor(readonly text: string) {
    let count = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
    const starts = new Int32Array(count);
    let i = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts[i++] = at + 1;
    this.lineStarts = starts;
  }

  /** Whether lookups have read fewer lines than a few reads of the whole file (then the index is cheaper). */
  get worthIt(): boolean {
    return this.linesRead < 8 * this.lineStarts.length + 256;
  }

  /** 1-based line and column of an offset, as LineCounter.linePos answers. */
  linePos(offset: number): { line: number; col: number } {
    return linePosIn(this.lineStarts, offset);
  }

  /** locate(segments) of a pointer, remembered by the pointer (`segments` are its unescaped segments). */
  find(pointer: string, segments: () => readonly string[]): LocatedRange | undefined {
    if (this.answers.has(pointer)) return this.answers.get(pointer);
    const found = this.locate(segments());
    this.answers.set(pointer, found);
    return found;
  }

  /**
   * The node the pointer's segments reach, walked as SubsetPositions.locate walks (the first pair whose key
   * reads as the segment, the item at `Number(segment)`, the deepest node when a segment finds nothing), or
   * undefined when this walk cannot be sure of the answer.
   */
  locate(segments: readonly string[]): LocatedRange | undefined {
    let step = this.root();
    if (!step) return undefined;
    let keyStart = -1;
    let keyEnd = -1;
    for (const seg of segments) {
      if (step.inline) {
        if (step.kind === SEQ) return undefined; // items of `[…]`: the full index has them
        break; // a scalar or `{}` has nothing below it
      }
      if (step.kind === MAP) {
        const pair = this.findKey(step.line, step.col, seg);
        if (!pair) break;
        keyStart = this.lineStarts[pair.line]! + pair.col;
        keyEnd = keyStart + pair.keyEnd;
        const value = this.valueOf(pair.line, pair.col, pair.content, pair.rest, pair.afterColon);
        if (!value) return undefined;
        step = value;
      } else if (step.kind === SEQ) {
        const index = Number(seg);
        if (!Number.isInteger(index) || index < 0) break;
        const dash = this.findItem(step.line, step.col, index);
        if (dash < 0) break;
        const item = this.itemOf(dash, step.col);
        if (!item) return undefined;
        step = item;
        keyStart = keyEnd = -1;
      } else {
        break;
      }
    }
    if (step.inline) return { kind: step.kind, start: step.inline.start, end: step.inline.end, keyStart, keyEnd };
    const end = this.blockEnd(step);
    if (end === undefined) return undefined;
    return { kind: step.kind, start: this.lineStarts[step.line]! + step.col, end, keyStart, keyEnd };
  }

  private lineEnd(i: number): number {
    return i + 1 < this.lineStarts.length ? this.lineStarts[i + 1]! - 1 : this.text.length;
  }

  /** Offset just after line `i`'s line break (the text's end for the last line). */
  private nextLineStart(i: number): number {
    return i + 1 < this.lineStarts.length ? this.lineStarts[i + 1]! : this.text.length;
  }

  private indentOf(i: number): number {
    const start = this.lineStarts[i]!;
    let at = start;
    while (this.text.charCodeAt(at) === SPACE) at++;
    return at - start;
  }

  /** Blank (-1), a comment line (-2), or content at this indentation. */
  private contentIndent(i: number): number {
    this.linesRead++;
    const indent = this.indentOf(i);
    const at = this.lineStarts[i]! + indent;
    if (at >= this.lineEnd(i)) return -1;
    return this.text.charCodeAt(at) === HASH ? -2 : indent;
  }

  /** Whether the text at `col` of line `i` is a dash that opens a sequence item (`-` alone or `- `). */
  private dashAt(i: number, col: number): boolean {
    const at = this.lineStarts[i]! + col;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 >= this.lineEnd(i) || this.text.charCodeAt(at + 1) === SPACE;
  }

  /** The last character of line `i` that is not a space ("" for a blank line). */
  private lastVisible(i: number): { char: number; at: number } {
    const start = this.lineStarts[i]!;
    let at = this.lineEnd(i) - 1;
    while (at >= start && this.text.charCodeAt(at) === SPACE) at--;
    return { char: at >= start ? this.text.charCodeAt(at) : -1, at };
  }

  /** Whether line `i` may end in `|` or `|-` (a literal's body follows, whose lines may look like anything). */
  private mayOpenLiteral(i: number): boolean {
    const { char, at } = this.lastVisible(i);
    return char === BAR || (char === DASH && this.text.charCodeAt(at - 1) === BAR);
  }

  /** The line from column `col` to its end (a compact entry's line is read from after its dash). */
  private content(i: number, col: number): string {
    return this.text.slice(this.lineStarts[i]! + col, this.lineEnd(i));
  }

  /** The first line of content at or after `i`, or -1. */
  private nextContent(i: number): number {
    for (; i < this.lineStarts.length; i++) if (this.contentIndent(i) >= 0) return i;
    return -1;
  }

  private root(): Step | undefined {
    if (this.rootStep === undefined) this.rootStep = this.findRoot() ?? null;
    return this.rootStep ?? undefined;
  }

  private findRoot(): Step | undefined {
    const first = this.nextContent(0);
    if (first < 0) return undefined;
    const step = this.nodeAt(first, this.indentOf(first));
    return step.inline ? undefined : step; // the fast path serves block roots; anything else asks the index
  }

  /** The node whose text starts at `col` of line `i` (a block collection, or a scalar or flow value alone). */
  private nodeAt(i: number, col: number): Step {
    const t = this.content(i, col);
    if (isSeqItem(t)) return { kind: SEQ, line: i, col };
    return isEntry(t) ? { kind: MAP, line: i, col } : this.inlineAt(i, col, t);
  }

  /** A value written at `col` of line `i` whose text (to the line's end) is `t`. */
  private inlineAt(i: number, col: number, t: string): Step {
    const start = this.lineStarts[i]! + col;
    if (t === "{}") return { kind: MAP, line: i, col, inline: { start, end: start + 2 } };
    if (t[0] === "[") return { kind: SEQ, line: i, col, inline: { start, end: start + t.trimEnd().length } };
    const length = t[0] === '"' || t[0] === "'" ? quoted(t)!.end : t.trimEnd().length;
    return { kind: SCALAR, line: i, col, inline: { start, end: start + length } };
  }

  /** The first entry of the mapping at `col` (its first entry on line `first`) whose key reads as `seg`. */
  private findKey(first: number, col: number, seg: string): { line: number; col: number; content: string; rest: string; keyEnd: number; afterColon: number } | undefined {
    const word = seg.length <= 1000 && PLAIN_WORD.test(seg) && !NOT_ITSELF.test(seg);
    for (let i = first; i < this.lineStarts.length; i++) {
      if (i !== first) {
        const indent = this.contentIndent(i);
        if (indent < 0 || indent > col) continue; // blank, comment, or below an earlier key
        if (indent < col) return undefined;
        if (this.dashAt(i, col)) continue; // a sequence written at its key's indentation
      }
      // A key written as a plain word is that word: it is the segment exactly when it is written so.
      const at = this.lineStarts[i]! + col;
      if (word && LETTER.test(this.text[at]!)) {
        const after = at + seg.length;
        if (!this.text.startsWith(seg, at) || this.text.charCodeAt(after) !== COLON) continue;
        if (after + 1 < this.lineEnd(i) && this.text.charCodeAt(after + 1) !== SPACE) continue;
      }
      const t = this.content(i, col);
      const entry = splitEntry(t)!;
      if ((entry.keyIsNull ? "null" : entry.key) === seg) return { line: i, col, content: t, rest: entry.rest, keyEnd: entry.keyEnd, afterColon: entry.afterColon };
    }
    return undefined;
  }

  /** The value of the entry at `col` of line `i` (its text `t`). */
  private valueOf(i: number, col: number, t: string, rest: string, afterColon: number): Step | undefined {
    if (rest === "|" || rest === "|-") return undefined;
    if (rest !== "") return this.inlineAt(i, col + restStart(t, afterColon), rest);
    const below = this.nextContent(i + 1);
    if (below < 0) return undefined; // empty
    const indent = this.indentOf(below);
    if (indent < col) return undefined;
    if (indent === col) return this.dashAt(below, col) ? { kind: SEQ, line: below, col } : undefined;
    return this.nodeAt(below, indent);
  }

  /** The line of item `index` of the sequence whose first dash is at `col` of line `first`, or -1. */
  private findItem(first: number, col: number, index: number): number {
    let k = 0;
    for (let i = first; i < this.lineStarts.length; i++) {
      if (i !== first) {
        const indent = this.contentIndent(i);
        if (indent < 0 || indent > col) continue;
        if (indent < col || !this.dashAt(i, col)) return -1;
      }
      if (k++ === index) return i;
    }
    return -1;
  }

  /** The item after the dash at `col` of line `i`. */
  private itemOf(i: number, col: number): Step | undefined {
    const t = this.content(i, col);
    let s = 1;
    while (t.charCodeAt(s) === SPACE) s++;
    const content = t.slice(s);
    if (t === "-") {
      const below = this.nextContent(i + 1);
      if (below < 0 || this.indentOf(below) <= col) return undefined; // empty
      return this.nodeAt(below, this.indentOf(below));
    }
    if (content === "" || content === "|" || content === "|-") return undefined;
    if (isSeqItem(content)) return { kind: SEQ, line: i, col: col + s };
    if (isEntry(content)) return { kind: MAP, line: i, col: col + s };
    return this.inlineAt(i, col + s, content);
  }

  /**
   * Where a block collection ends: after the line break of its last line, when that line holds a value
   * and no comment line follows it before the next content (else undefined: the full index knows).
   */
  private blockEnd(step: Step): number | undefined {
    const col = step.col;
    let last = step.line;
    if (this.mayOpenLiteral(last)) return undefined;
    let commentAfter = false;
    for (let i = step.line + 1; i < this.lineStarts.length; i++) {
      const indent = this.contentIndent(i);
      if (indent === -1) continue;
      if (indent === -2) {
        commentAfter = true;
        continue;
      }
      if (indent < col || (indent === col && step.kind === SEQ && !this.dashAt(i, col))) break;
      if (this.mayOpenLiteral(i)) return undefined;
      last = i;
      commentAfter = false;
    }
    if (commentAfter) return undefined;
    // An empty value last (`key:`, `-`): the library's end for it depends on what follows; the index knows.
    const { char, at } = this.lastVisible(last);
    if (char === COLON || (char === DASH && (at === this.lineStarts[last]! + this.indentOf(last) || this.text.charCodeAt(at - 1) === SPACE))) return undefined;
    return this.nextLineStart(last);
  }
}

/**
 * Whether a line (not a dash) of a text the reader accepted is a mapping entry. A plain scalar holding a
 * key's colon is outside the subset, so a colon decides, but for quoted text (a key or a whole scalar)
 * and a flow sequence (`[a, "b: c"]`).
 */
function isEntry(t: string): boolean {
  if (t[0] === '"' || t[0] === "'") return splitEntry(t) !== undefined;
  return t[0] !== "[" && keyColon(t) >= 0;
}
