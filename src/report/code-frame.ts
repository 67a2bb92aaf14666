// The code frame under a pretty finding: the offending line(s) with a line-number gutter and a `^~~~`
// marker under the range. Tabs expand to the next tab stop so the marker lines up; long lines are
// clipped around the range; control characters are made visible (see safe-text.ts).
import type { Range } from "../diagnostics/diagnostic.js";
import { splitLines } from "./prepare.js";
import { visible } from "./safe-text.js";

const TAB_WIDTH = 4;
/** Widest slice of a line shown, in cells; wider lines are clipped with "…". */
export const MAX_FRAME_WIDTH = 100;
/** Cells kept before the marker when a line is clipped on the left. */
const LEAD = 20;
/** Ranges spanning more lines show the first and last line with a "⋮" between. */
const MAX_LINES = 3;

interface Cell {
  /** UTF-16 index where this cell's text starts. */
  unit: number;
  text: string;
}

/**
 * One cell per displayed column. Columns are UTF-16 based, so a surrogate pair is one cell at its first
 * unit. (East Asian wide characters count as one cell: good enough for a marker, never wrong by a line.)
 */
function cells(line: string): Cell[] {
  const out: Cell[] = [];
  let unit = 0;
  for (const ch of line) {
    if (ch === "\t") {
      const n = TAB_WIDTH - (out.length % TAB_WIDTH);
      for (let i = 0; i < n; i++) out.push({ unit, text: " " });
    } else {
      out.push({ unit, text: visible(ch) ?? ch });
    }
    unit += ch.length;
  }
  return out;
}

/** First cell index at or after UTF-16 offset `unit` (the cell count when past the end). */
function cellAt(cs: Cell[], unit: number): number {
  const i = cs.findIndex((c) => c.unit >= unit);
  return i === -1 ? cs.length : i;
}

interface Row {
  lineNo: number;
  text: string;
  marker: string;
}

function row(line: string, lineNo: number, fromUnit: number, toUnit: number | undefined, head: boolean): Row {
  // A megabyte-long line (100 000 placeholders on one line): only a window around the range is laid out,
  // or every finding on it would build a cell per character.
  const span = 4 * MAX_FRAME_WIDTH;
  let cutStart = false;
  let cutEnd = false;
  if (line.length > 2 * span) {
    let s = Math.max(0, fromUnit - span);
    if (s > 0 && /[\uDC00-\uDFFF]/.test(line[s]!)) s++;
    let e = Math.min(line.length, Math.max(0, fromUnit) + span);
    if (e < line.length && /[\uD800-\uDBFF]/.test(line[e - 1]!)) e--;
    cutStart = s > 0;
    cutEnd = e < line.length;
    line = line.slice(s, e);
    fromUnit -= s;
    if (toUnit !== undefined) toUnit = Math.max(0, toUnit - s);
  }
  const cs = cells(line);
  const from = Math.min(cellAt(cs, fromUnit), cs.length);
  let to = toUnit === undefined ? cs.length : cellAt(cs, toUnit);
  if (to < from) to = from;
  // Clip to a window that keeps the start of the marker in view.
  let lo = 0;
  let hi = cs.length;
  if (cs.length > MAX_FRAME_WIDTH) {
    lo = from > MAX_FRAME_WIDTH - LEAD ? from - LEAD : 0;
    hi = Math.min(cs.length, lo + MAX_FRAME_WIDTH);
  }
  const pre = lo > 0 || cutStart ? "…" : "";
  const text = pre + cs.slice(lo, hi).map((c) => c.text).join("") + (hi < cs.length || cutEnd ? "…" : "");
  const a = from - lo;
  const b = Math.min(to, hi + 1) - lo; // a marker may reach one cell past the text (the line end)
  let marker = "";
  if (head) marker = " ".repeat(pre.length + a) + "^" + "~".repeat(Math.max(0, b - a - 1));
  else if (b > a) marker = " ".repeat(pre.length + a) + "~".repeat(b - a);
  return { lineNo, text, marker };
}

/** One printed line of a frame: the caller joins gutter and text with a space and may colour each part. */
export interface FrameLine {
  kind: "source" | "marker" | "gap";
  gutter: string;
  text: string;
}

/** The frame's lines, or [] when the file text or the line is not available. */
export function codeFrame(text: string | undefined, range: Range): FrameLine[] {
  if (text === undefined) return [];
  const lines = splitLines(text);
  const start = range.start.line;
  if (!Number.isInteger(start) || start < 1 || start > lines.length) return [];
  const end = Math.min(Math.max(range.end.line, start), lines.length);
  const startUnit = Math.max(0, range.start.column - 1);
  const rows: (Row | "gap")[] = [];
  const wanted = end - start + 1 <= MAX_LINES ? lineNumbers(start, end) : [start, -1, end];
  for (const n of wanted) {
    if (n === -1) {
      rows.push("gap");
      continue;
    }
    const line = lines[n - 1]!;
    // Lines after the first are marked from their first non-blank character, like a multi-line squiggle.
    const from = n === start ? startUnit : line.length - line.trimStart().length;
    // Exclusive end on the last line; undefined means "to the end of the line".
    let to: number | undefined = n === end && range.end.line === end ? Math.max(0, range.end.column - 1) : undefined;
    if (range.end.line < start) to = from; // an end before the start: mark the start only
    rows.push(row(line, n, from, to, n === start));
  }
  const width = String(end).length;
  const out: FrameLine[] = [];
  for (const r of rows) {
    if (r === "gap") {
      out.push({ kind: "gap", gutter: " ".repeat(width) + " ⋮", text: "" });
      continue;
    }
    out.push({ kind: "source", gutter: `${String(r.lineNo).padStart(width)} |`, text: r.text.trimEnd() });
    if (r.marker) out.push({ kind: "marker", gutter: `${" ".repeat(width)} |`, text: r.marker });
  }
  return out;
}

function lineNumbers(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
