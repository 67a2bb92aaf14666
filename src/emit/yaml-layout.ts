// The fast path of toYaml: lays out the document directly as text, with the same bytes as the `yaml`
// package's layout of the node tree yaml-writer.ts builds (indent 2, indented sequences, no folding,
// literal blocks). Building that node tree and stringifying it was most of the time of a large compose
// file; this writes each line once. Shapes the fast path does not lay out itself (keys over 1024
// characters, which `yaml` writes as explicit `? ` keys) return undefined, and toYaml uses the library.
// test/emit/yaml-layout.property.test.ts checks byte equality with the library path on random values.
import { isPlainObject, orderedKeys, type KeyOrder } from "./ordered-keys.js";
import { doubleQuoted, formatNumber, isBlockSafe, isPlainSafe, needsKeepChomping } from "./yaml-scalar-style.js";

/** `yaml` writes longer implicit keys as explicit `? key` entries. */
const MAX_IMPLICIT_KEY = 1024;

class Fallback extends Error {}

/** A string scalar as text; a literal block spans several lines indented by `indent`. */
function stringText(s: string, where: "key" | "value" | "root", indent: string, lastInDocument: boolean): string {
  if (isPlainSafe(s)) return s;
  if (where === "value" && isBlockSafe(s) && !(lastInDocument && needsKeepChomping(s))) return literalBlock(s, indent);
  return doubleQuoted(s);
}

/**
 * `yaml`'s literal block for a string that isBlockSafe (no trailing blanks on a line, no leading blank on
 * the first non-empty line, some content): chomping from the trailing newlines, then every run of
 * newlines followed by the indent — except inside the trailing run, which stays bare.
 */
function literalBlock(s: string, indent: string): string {
  let endStart = s.length;
  while (endStart > 0 && s[endStart - 1] === "\n") endStart--;
  let end = s.slice(endStart);
  const chomp = end === "" ? "-" : end === "\n" ? "" : "+";
  let body = s.slice(0, endStart);
  if (end) end = end.slice(0, -1);
  let startEnd = 0;
  while (startEnd < body.length && body[startEnd] === "\n") startEnd++;
  const start = body.slice(0, startEnd).replace(/\n+/g, (m) => m + indent);
  body = body.slice(startEnd).replace(/\n+/g, (m) => m + indent);
  return `|${chomp}\n${indent}${start}${body}${end}`;
}

function scalarText(value: unknown, where: "value" | "root", indent: string, lastInDocument: boolean): string | undefined {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" || typeof value === "bigint") return formatNumber(value);
  if (typeof value === "string") return stringText(value, where, indent, lastInDocument);
  return undefined;
}

/** What a value is laid out as: a scalar, `[]`, `{}`, or a block collection (lines below its key). */
const SCALAR = 0;
const EMPTY_SEQ = 1;
const EMPTY_MAP = 2;
const SEQ = 3;
const MAP = 4;
type Shape = typeof SCALAR | typeof EMPTY_SEQ | typeof EMPTY_MAP | typeof SEQ | typeof MAP;

const hasOwn = Object.prototype.hasOwnProperty;

/** One pass over the value decides its shape (no key array: most values are scalars or small maps). */
function shapeOf(v: unknown): Shape {
  if (typeof v !== "object" || v === null) return SCALAR;
  if (Array.isArray(v)) return v.length ? SEQ : EMPTY_SEQ;
  if (!isPlainObject(v)) return SCALAR; // scalarText refuses it with a clear error
  for (const k in v) if (hasOwn.call(v, k) && v[k] !== undefined) return MAP;
  return EMPTY_MAP;
}

/**
 * Pieces are joined into one string every this many: the text of a big document never lives as pieces
 * all at once, and no line is built as a string of its own first.
 */
const PIECES_PER_CHUNK = 8192;

/** A map key as written before its `:`. */
function keyText(key: string): string {
  return isPlainSafe(key) ? key : doubleQuoted(key);
}

/** `- ` repeated: the dashes of nested sequences that start on one line (`- - x`). */
const DASHES: string[] = [];
function dashesOf(n: number): string {
  return (DASHES[n] ??= "- ".repeat(n));
}

class Layout {
  /** Finished text. */
  private readonly chunks: string[] = [];
  /** Pieces of text (indentation, key, `: `, value, newline) not yet joined into a chunk. */
  private pieces: string[] = [];
  /**
   * Sequence dashes waiting for the next line, from depth `dashDepth` on: `- ` stands in for the first
   * line's own indentation at column 2×depth (`- - x` for nested sequences).
   */
  private dashes = 0;
  private dashDepth = 0;
  /** Collections from the root to the current one (a short stack: documents nest a few levels deep). */
  private readonly ancestors: object[] = [];
  /** Keys from the root to the current node: one stack, not a new array per entry. */
  private readonly path: string[] = [];
  constructor(private readonly keyOrder: KeyOrder | undefined) {}

  text(): string {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join("");
  }

  private flush(): void {
    if (this.pieces.length) this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }

  /** Starts a line whose own indentation is `depth` (or the pending dashes). */
  private indent(depth: number): void {
    if (this.dashes) {
      this.pieces.push(padOf(this.dashDepth), dashesOf(this.dashes));
      this.dashes = 0;
    } else this.pieces.push(padOf(depth));
  }

  private endLine(): void {
    if (this.pieces.push("\n") >= PIECES_PER_CHUNK) this.flush();
  }

/** One `key: value` entry of a map at `depth`, below the keys `path`. */
  mapEntry(key: string, value: unknown, path: readonly string[], depth: number, lastInDocument: boolean): void {
    if (key.length > MAX_IMPLICIT_KEY) throw new Fallback();
    for (const k of path) this.path.push(k);
    this.path.push(key);
    this.entry(keyText(key), value, shapeOf(value), depth, lastInDocument);
    this.path.length = 0;
  }

  private where(): string {
    return this.path.join(".");
  }

  /** Lines of a non-empty collection (`shape` SEQ or MAP) whose entries start at `depth` (two spaces each). */
  collection(value: object, shape: Shape, depth: number, lastInDocument: boolean): void {
    if (this.ancestors.includes(value)) throw new TypeError(`toYaml: circular reference at ${this.path.length ? this.where() : "the root"}`);
    this.ancestors.push(value);
    if (shape === SEQ) this.seq(value as unknown[], depth, lastInDocument);
    else this.map(value as Record<string, unknown>, depth, lastInDocument);
    this.ancestors.pop(); // a throw ends the whole layout: no need to unwind on it
  }

  private map(obj: Record<string, unknown>, depth: number, lastInDocument: boolean): void {
    const keys = orderedKeys(obj, this.path, this.keyOrder);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key.length > MAX_IMPLICIT_KEY) throw new Fallback();
      const value = obj[key];
      this.path.push(key);
      this.entry(keyText(key), value, shapeOf(value), depth, lastInDocument && i === keys.length - 1);
      this.path.pop();
    }
  }

  private seq(items: unknown[], depth: number, lastInDocument: boolean): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const last = lastInDocument && i === items.length - 1;
      const shape = shapeOf(item);
      this.path.push(String(i));
      if (shape === SEQ || shape === MAP) {
        // `- ` then the collection's first line, whose own indentation the dash stands in for.
        if (this.dashes === 0) this.dashDepth = depth;
        this.dashes++;
        this.collection(item as object, shape, depth + 1, last);
      } else this.entry(undefined, item, shape, depth, last);
      this.path.pop();
    }
  }

  /** A map entry (`key` as written) or a sequence item (`key` undefined) with its value. */
  private entry(key: string | undefined, value: unknown, shape: Shape, depth: number, lastInDocument: boolean): void {
    let text: string | undefined;
    if (shape === SCALAR) {
      text = scalarText(value, "value", padOf(depth + 1), lastInDocument);
      if (text === undefined) throw new TypeError(`toYaml: cannot write ${describe(value)} at ${this.where()}`);
    }
    this.indent(depth);
    if (key === undefined) this.pieces.push("-");
    else this.pieces.push(key, ":");
    if (text !== undefined) this.pieces.push(" ", text);
    else if (shape === EMPTY_SEQ) this.pieces.push(" []");
    else if (shape === EMPTY_MAP) this.pieces.push(" {}");
    this.endLine();
    if (shape === SEQ || shape === MAP) this.collection(value as object, shape, depth + 1, lastInDocument);
  }
}

const PADS: string[] = [];
function padOf(depth: number): string {
  return (PADS[depth] ??= "  ".repeat(depth));
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return (value.constructor as { name?: string } | undefined)?.name ?? "object";
  return typeof value;
}

/** The document's text, or undefined where only the library lays it out (see the top of the file). */
export function layoutYaml(value: unknown, keyOrder: KeyOrder | undefined): string | undefined {
  const shape = shapeOf(value);
  if (shape === EMPTY_SEQ) return "[]\n";
  if (shape === EMPTY_MAP) return "{}\n";
  if (shape === SCALAR) {
    const text = scalarText(value, "root", "", true);
    if (text === undefined) return undefined; // the library path names what cannot be written
    return text + "\n";
  }
  const layout = new Layout(keyOrder);
  try {
    layout.collection(value as object, shape, 0, true);
  } catch (e) {
    if (e instanceof Fallback) return undefined;
    throw e;
  }
  return layout.text();
}

/**
 * The lines of one `key: value` entry of a map at `depth` (two spaces each), below the keys `path`, as
 * layoutYaml writes them inside the whole document: a big document can be written piece by piece, without
 * building all of it first. `lastInDocument`: nothing follows this entry in the document. Undefined where
 * only the library lays the entry out.
 */
export function layoutYamlEntry(key: string, value: unknown, path: readonly string[], depth: number, keyOrder: KeyOrder | undefined, lastInDocument: boolean): string | undefined {
  const layout = new Layout(keyOrder);
  try {
    layout.mapEntry(key, value, path, depth, lastInDocument);
  } catch (e) {
    if (e instanceof Fallback) return undefined;
    throw e;
  }
  return layout.text();
}
