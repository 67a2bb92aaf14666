// Where each node of a file read by the subset reader (yaml-subset.ts) sits in its text, recorded by that
// reader as it reads: the answers the yaml library's Document would give for positions (node ranges, key
// ranges), without its syntax tree. Kept as a flat array of numbers, not an object per node: a file's
// index is built when a finding first needs a position and lives only while the file is being reported.

/** Node kinds as stored. */
export const SCALAR = 0;
export const MAP = 1;
export const SEQ = 2;
type NodeKind = typeof SCALAR | typeof MAP | typeof SEQ;

/** Per node, in document order: kind, start, end (the library's range[0] and range[1]), the index after
 * its subtree, and the range of the mapping key it is the value of (-1 when none). */
const STRIDE = 6;
const KIND = 0;
const START = 1;
const END = 2;
const NEXT = 3;
const KEY_START = 4;
const KEY_END = 5;

/** Filled by the subset reader; read through SubsetPositions. */
export class PositionRecorder {
  private readonly nodes: number[] = [];
  /** The key of the pair each node is the value of, as the library compares it (`String(key.value)`). */
  private readonly keys: (string | undefined)[] = [];
  /** Offset of each line's first character; one more entry for the position after the last line. */
  readonly lineStarts: number[];
  private keyStart = -1;
  private keyEnd = -1;
  private key: string | undefined;

  constructor(readonly text: string, lineLengths: readonly number[]) {
    const starts = new Array<number>(lineLengths.length + 1);
    let at = 0;
    for (let i = 0; i < lineLengths.length; i++) {
      starts[i] = at;
      at += lineLengths[i]! + 1;
    }
    starts[lineLengths.length] = at;
    this.lineStarts = starts;
  }

  /** The next node opened is the value of this key. */
  pairKey(start: number, end: number, key: string): void {
    this.keyStart = start;
    this.keyEnd = end;
    this.key = key;
  }

  open(kind: NodeKind, start: number): number {
    const id = this.nodes.length / STRIDE;
    this.nodes.push(kind, start, start, -1, this.keyStart, this.keyEnd);
    this.keys.push(this.key);
    this.keyStart = this.keyEnd = -1;
    this.key = undefined;
    return id;
  }

  close(id: number, end: number): void {
    this.nodes[id * STRIDE + END] = end;
    this.nodes[id * STRIDE + NEXT] = this.nodes.length / STRIDE;
  }

  scalar(start: number, end: number): void {
    this.close(this.open(SCALAR, start), end);
  }

  /** Offset just after line `i`'s line break (the text's end for the last line). */
  nextLineStart(i: number): number {
    return Math.min(this.lineStarts[i + 1]!, this.text.length);
  }

  /** Offset of line `i`'s line break (the text's end for a last line without one). */
  lineEnd(i: number): number {
    return Math.min(this.lineStarts[i + 1]! - 1, this.text.length);
  }

  done(): SubsetPositions {
    // The entry after the last line is a line start only when the text ends with a line break.
    const starts = this.lineStarts[this.lineStarts.length - 1]! > this.text.length ? this.lineStarts.slice(0, -1) : this.lineStarts;
    return new SubsetPositions(Int32Array.from(this.nodes), this.keys, Int32Array.from(starts));
  }
}

/** The node a pointer reaches and the mapping value it was reached as (-1: none), as SourceFile's locate. */
interface LocatedNode {
  node: number;
  pair: number;
}

export class SubsetPositions {
  constructor(
    private readonly nodes: Int32Array,
    private readonly keys: readonly (string | undefined)[],
    /** Offsets where lines start, as the library's LineCounter holds them. */
    readonly lineStarts: Int32Array,
  ) {}

  kind(node: number): NodeKind {
    return this.nodes[node * STRIDE + KIND] as NodeKind;
  }
  start(node: number): number {
    return this.nodes[node * STRIDE + START]!;
  }
  end(node: number): number {
    return this.nodes[node * STRIDE + END]!;
  }
  keyStart(node: number): number {
    return this.nodes[node * STRIDE + KEY_START]!;
  }
  keyEnd(node: number): number {
    return this.nodes[node * STRIDE + KEY_END]!;
  }

  /**
   * Walks the pointer's segments as the Document walk does: the first pair whose key reads as the segment,
   * the item at `Number(segment)`, and the deepest node reached when a segment finds nothing.
   */
  locate(segments: readonly string[]): LocatedNode {
    let node = 0;
    let pair = -1;
    for (const seg of segments) {
      const kind = this.kind(node);
      const end = this.nodes[node * STRIDE + NEXT]!;
      if (kind === MAP) {
        let child = node + 1;
        while (child < end && this.keys[child] !== seg) child = this.nodes[child * STRIDE + NEXT]!;
        if (child >= end) return { node, pair };
        node = pair = child;
      } else if (kind === SEQ) {
        const index = Number(seg);
        if (!Number.isInteger(index) || index < 0) return { node, pair };
        let child = node + 1;
        for (let k = 0; k < index && child < end; k++) child = this.nodes[child * STRIDE + NEXT]!;
        if (child >= end) return { node, pair };
        node = child;
        pair = -1;
      } else {
        return { node, pair };
      }
    }
    return { node, pair };
  }

  /** 1-based line and column of an offset, as LineCounter.linePos answers. */
  linePos(offset: number): { line: number; col: number } {
    return linePosIn(this.lineStarts, offset);
  }
}

/** 1-based line and column of an offset in a text whose line starts are `starts`, as LineCounter.linePos answers. */
export function linePosIn(starts: ArrayLike<number>, offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return { line: low, col: offset - starts[low - 1]! + 1 };
}
