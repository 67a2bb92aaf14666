// The fast path of toYaml: lays out the document directly as text, with the same bytes as the `yaml`
// package's layout of the node tree yaml-writer.ts builds (indent 2, indented sequences, no folding,
// literal blocks). Building that node tree and stringifying it was most of the time of a large compose
// file; this writes each line once. Shapes the fast path does not lay out itself (keys over 1024
// characters, which `yaml` writes as explicit `? ` keys) return undefined, and toYaml uses the library.
// test/emit/yaml-layout.property.test.ts checks byte equality with the library path on random values.
import { isPlainObject, orderedEntries, type KeyOrder } from "./ordered-keys.js";
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

const isEmptyCollection = (v: unknown): boolean =>
  (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).every((k) => v[k] === undefined));

class Layout {
  readonly out: string[] = [];
  private readonly ancestors = new Set<object>();
  constructor(private readonly keyOrder: KeyOrder | undefined) {}

  /** Lines of a non-empty collection whose entries start at `depth` (two spaces each). */
  collection(value: object, path: string[], depth: number, lastInDocument: boolean): void {
    if (this.ancestors.has(value)) throw new TypeError(`toYaml: circular reference at ${path.length ? path.join(".") : "the root"}`);
    this.ancestors.add(value);
    try {
      if (Array.isArray(value)) this.seq(value, path, depth, lastInDocument);
      else this.map(value as Record<string, unknown>, path, depth, lastInDocument);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private map(obj: Record<string, unknown>, path: string[], depth: number, lastInDocument: boolean): void {
    const pad = "  ".repeat(depth);
    const entries = orderedEntries(obj, path, this.keyOrder);
    entries.forEach(([key, value], i) => {
      if (key.length > MAX_IMPLICIT_KEY) throw new Fallback();
      const head = `${pad}${stringText(key, "key", "", false)}:`;
      this.entry(head, value, [...path, key], depth, lastInDocument && i === entries.length - 1);
    });
  }

  private seq(items: unknown[], path: string[], depth: number, lastInDocument: boolean): void {
    const pad = "  ".repeat(depth);
    items.forEach((item, i) => {
      const last = lastInDocument && i === items.length - 1;
      if (isNonEmptyCollection(item)) {
        // `- ` then the collection's first line, whose own indentation the dash stands in for.
        const first = this.out.length;
        this.collection(item, [...path, String(i)], depth + 1, last);
        this.out[first] = `${pad}- ${this.out[first]!.slice(pad.length + 2)}`;
      } else this.entry(`${pad}-`, item, [...path, String(i)], depth, last);
    });
  }

  /** A map entry (`head` = "key:") or a sequence item (`head` = "-") with its value. */
  private entry(head: string, value: unknown, path: string[], depth: number, lastInDocument: boolean): void {
    if (isEmptyCollection(value)) return void this.out.push(`${head} ${Array.isArray(value) ? "[]" : "{}"}`);
    if (isNonEmptyCollection(value)) {
      this.out.push(head);
      return this.collection(value, path, depth + 1, lastInDocument);
    }
    const text = scalarText(value, "value", "  ".repeat(depth + 1), lastInDocument);
    if (text === undefined) throw new TypeError(`toYaml: cannot write ${describe(value)} at ${path.join(".")}`);
    this.out.push(`${head} ${text}`);
  }
}

function isNonEmptyCollection(v: unknown): v is object {
  return (Array.isArray(v) || isPlainObject(v)) && !isEmptyCollection(v);
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return (value.constructor as { name?: string } | undefined)?.name ?? "object";
  return typeof value;
}

/** The document's text, or undefined where only the library lays it out (see the top of the file). */
export function layoutYaml(value: unknown, keyOrder: KeyOrder | undefined): string | undefined {
  if (isEmptyCollection(value)) return Array.isArray(value) ? "[]\n" : "{}\n";
  if (!isNonEmptyCollection(value)) {
    const text = scalarText(value, "root", "", true);
    if (text === undefined) return undefined; // the library path names what cannot be written
    return text + "\n";
  }
  const layout = new Layout(keyOrder);
  try {
    layout.collection(value, [], 0, true);
  } catch (e) {
    if (e instanceof Fallback) return undefined;
    throw e;
  }
  return layout.out.join("\n") + "\n";
}
