// A parsed input file: its text, its YAML documents and the line index that maps any JSON pointer of a
// document back to a line:column range. Every later stage positions its findings through this.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node, type Pair } from "yaml";
import type { Point, Range } from "../diagnostics/diagnostic.js";
import { SubsetLocator, type LocatedRange } from "./subset-locate.js";
import { SCALAR, type SubsetPositions } from "./subset-positions.js";

/** The parse a SourceFile positions with: its documents and the line index the parser filled. */
export interface PositionedParse {
  lineCounter: LineCounter;
  documents: Document.Parsed[];
}

/** Re-parsed files whose syntax trees (or subset indexes) are kept; positions never depend on it, only time. */
const KEEP_POSITIONED = 16;
const recentlyPositioned: SourceFile[] = [];

export class SourceFile {
  private positioned?: PositionedParse;
  private reparse?: () => PositionedParse;
  private indexed?: SubsetPositions;
  private located?: SubsetLocator;
  /** Reads the file again with the subset reader, recording positions (undefined: use the Document). */
  private index?: () => SubsetPositions | undefined;

  /**
   * `parsed` is the positioned parse itself, or how to make it: a well-formed file read without the yaml
   * Document (parse-yaml.ts's fast path) keeps only its text, and the Document is built the first time a
   * finding needs a position (the same parse of the same text, so the same positions). A large project
   * then keeps one string per file, not a syntax tree per file.
   *
   * `index`, for such a file, reads it again with the subset reader recording where its nodes are: every
   * position a finding asks for is answered from that (the Document's answers, without building it);
   * only `documents` and `lineCounter` themselves still build the Document. Most answers do not even need
   * that index: a pointer is first looked up along its own lines (subset-locate.ts), which the subset's
   * line structure allows, and the index is read only for what that lookup declines.
   */
  constructor(
    /** Path as given (POSIX separators), "-" for stdin. */
    readonly path: string,
    readonly text: string,
    parsed: PositionedParse | (() => PositionedParse),
    index?: () => SubsetPositions | undefined,
  ) {
    if (typeof parsed === "function") this.reparse = parsed;
    else this.positioned = parsed;
    this.index = index;
  }

  /** The subset index when the file has one and no Document has been built (both answer the same). */
  private get subset(): SubsetPositions | undefined {
    if (this.indexed || !this.index || this.positioned) return this.indexed;
    const made = this.index();
    if (!made) {
      this.index = undefined; // not expected (the same reader accepted the text); the Document answers
      return undefined;
    }
    // Kept while the file is among the last few positioned, as the Document is (see `parsed`).
    this.indexed = made;
    this.keepAWhile();
    return made;
  }

  /** Line starts and single-pointer lookups for a file on the fast path with no Document built. */
  private get locator(): SubsetLocator | undefined {
    if (this.located || !this.index || this.positioned) return this.located;
    this.located = new SubsetLocator(this.text);
    this.keepAWhile();
    return this.located;
  }

  private get parsed(): PositionedParse {
    if (this.positioned) return this.positioned;
    const parsed = this.reparse!();
    // Kept while the file is among the last few positioned (findings of one file come in bursts), then
    // dropped again: a run that warns once per file still holds one syntax tree per file only briefly.
    this.positioned = parsed;
    this.keepAWhile();
    return parsed;
  }

  /** Joins the last few positioned files; the one pushed out drops its index and Document (both rebuildable). */
  private keepAWhile(): void {
    if (recentlyPositioned.includes(this)) return;
    recentlyPositioned.push(this);
    if (recentlyPositioned.length > KEEP_POSITIONED) {
      const old = recentlyPositioned.shift()!;
      old.positioned = old.indexed = old.located = undefined;
    }
  }

  get lineCounter(): LineCounter {
    return this.parsed.lineCounter;
  }

  get documents(): Document.Parsed[] {
    return this.parsed.documents;
  }

  point(offset: number): Point {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = (this.locator ?? this.lineCounter).linePos(at);
    return { line, column: col, offset };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /** Range of a yaml node, without the trailing line break block nodes carry. */
  nodeRange(node: { range?: [number, number, number] | null }): Range {
    if (!node.range) return this.firstLine();
    return this.rangeOf(node.range[0], this.trimEnd(node.range[0], node.range[1]));
  }

  /**
   * Range of a piece of a scalar's value (e.g. one placeholder): the `occurrence`-th appearance of
   * `needle` in the scalar's source text. Quoting and block indentation shift value offsets, but a
   * placeholder is written the same in the source, so finding its text is exact in practice; when it
   * is not found (escapes inside it) the whole scalar is returned.
   */
  rangeOfText(doc: number, pointer: string, needle: string, occurrence = 0): Range {
    let start: number;
    let end: number;
    let found: LocatedRange | undefined;
    if (this.locator) {
      if (doc !== 0) return this.firstLine(); // the fast path reads files of one document
      found = this.locateInSubset(pointer);
    }
    if (found) {
      ({ start, end } = found);
    } else {
      const d = this.documents[doc];
      const node = d ? locate(d, pointer).node : undefined;
      if (!node?.range) return this.rangeOfPointer(doc, pointer);
      [start, end] = node.range;
    }
    let from = start;
    for (let k = 0; k <= occurrence; k++) {
      const at = this.text.indexOf(needle, from);
      if (at < 0 || at >= end) break;
      if (k === occurrence) return this.rangeOf(at, at + needle.length);
      from = at + needle.length;
    }
    return this.rangeOf(start, this.trimEnd(start, end));
  }

  /** Block nodes end after their trailing newline; a range should end on the last visible character. */
  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** The range of the whole file's first line (for file-level findings). */
  firstLine(): Range {
    return this.lineAt(0);
  }

  /** The line holding `offset`, from that offset to the line's end. */
  lineAt(offset: number): Range {
    const nl = this.text.indexOf("\n", offset);
    return this.rangeOf(offset, nl < 0 ? this.text.length : nl);
  }

  /**
   * Range of the node a JSON pointer designates in document `doc`. With `key: true`, the range of the
   * mapping key instead (what an "unknown property" finding should underline). Walks as deep as the
   * pointer resolves and returns the deepest node found, so a pointer into missing data still lands near.
   * With `keyOfBlock: true`, a mapping or sequence value is designated by its key (`main:`), not by its
   * first entry: a finding about a whole container sits on the line that names it, where a disable
   * comment above it is written.
   */
  rangeOfPointer(doc: number, pointer: string, opts: { key?: boolean; keyOfBlock?: boolean } = {}): Range {
    if (this.locator) {
      if (doc !== 0) return this.firstLine();
      const found = this.locateInSubset(pointer);
      if (found) return this.subsetRange(found, pointer, opts);
    }
    const d = this.documents[doc];
    // A finding about the whole document (e.g. a missing top-level key) points at its first line.
    if (!d || pointer === "") return pointer === "" && d?.contents?.range ? this.lineAt(d.contents.range[0]) : this.firstLine();
    const found = locate(d, pointer);
    const wholeBlock = opts.keyOfBlock && found.pair?.key && (isMap(found.node) || isSeq(found.node)) && found.pair.value === found.node;
    const node = (opts.key || wholeBlock) && found.pair?.key ? (found.pair.key as Node) : (found.node ?? (found.pair?.key as Node | undefined));
    if (node?.range) return this.nodeRange(node);
    const r = d.contents?.range ?? d.range;
    return this.rangeOf(r[0], r[0]);
  }

  /**
   * The node a pointer reaches in a file on the fast path (one document, every pointer reaches a node):
   * looked up along the pointer's lines, else from the subset index; undefined when neither is there.
   */
  private locateInSubset(pointer: string): LocatedRange | undefined {
    const locator = this.locator;
    const quick = locator?.worthIt ? locator.find(pointer, () => pointerSegments(pointer)) : undefined;
    if (quick) return quick;
    const subset = this.subset;
    if (!subset) return undefined;
    const { node, pair } = subset.locate(pointerSegments(pointer));
    return { kind: subset.kind(node), start: subset.start(node), end: subset.end(node), keyStart: pair >= 0 ? subset.keyStart(pair) : -1, keyEnd: pair >= 0 ? subset.keyEnd(pair) : -1 };
  }

  /** rangeOfPointer from a subset lookup. */
  private subsetRange(found: LocatedRange, pointer: string, opts: { key?: boolean; keyOfBlock?: boolean }): Range {
    if (pointer === "") return this.lineAt(found.start);
    const wholeBlock = opts.keyOfBlock && found.kind !== SCALAR;
    // The pair's value is always the node reached (a pointer stops at the value whose key it matched).
    if (found.keyStart >= 0 && (opts.key || wholeBlock)) return this.rangeOf(found.keyStart, this.trimEnd(found.keyStart, found.keyEnd));
    return this.rangeOf(found.start, this.trimEnd(found.start, found.end));
  }
}

/** Split a JSON pointer ("/a/b~1c") into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

interface Located {
  node?: Node;
  pair?: Pair;
}

function locate(doc: Document.Parsed, pointer: string): Located {
  let node = doc.contents as Node | null;
  let pair: Pair | undefined;
  for (const seg of pointerSegments(pointer)) {
    if (node && isAlias(node)) node = node.resolve(doc) ?? null;
    if (isMap(node)) {
      const p = node.items.find((it) => isPair(it) && scalarKey(it.key) === seg);
      if (!p) return { node, pair };
      pair = p as Pair;
      node = (p.value as Node | null) ?? null;
      if (!node) return { pair };
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) return { node, pair };
      pair = undefined;
      node = item;
    } else {
      return { node: node ?? undefined, pair };
    }
  }
  return { node: node ?? undefined, pair };
}

function scalarKey(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}
