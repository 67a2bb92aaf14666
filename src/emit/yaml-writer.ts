// Deterministic YAML for every target: the same value always gives the same bytes, and YAML 1.1
// readers (docker compose's go-yaml, PyYAML) read back exactly what YAML 1.2 readers do.
//
// The `yaml` package lays out the document (indentation, block collections, block scalars); this file
// decides the style of every scalar itself (see yaml-scalar-style.ts) and builds the node tree by hand,
// so map order is ours (integer-like keys are not hoisted as in JS objects) and no anchor or alias can
// appear even when the same object is reachable twice.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type ScalarTag } from "yaml";
import { isPlainObject, orderedEntries, type KeyOrder } from "./ordered-keys.js";
import { layoutYaml } from "./yaml-layout.js";
import { doubleQuoted, formatNumber, isBlockSafe, isPlainSafe, needsKeepChomping } from "./yaml-scalar-style.js";

export type { KeyOrder } from "./ordered-keys.js";

export interface YamlOptions {
  /** Known keys of the map at a path, in output order; other keys follow in code-unit order. */
  keyOrder?: KeyOrder;
}

/**
 * Scalars whose text is already final (numbers, booleans, null, double-quoted strings) are string
 * scalars carrying this format: the tag below prints them verbatim, so the library cannot re-style them.
 */
const VERBATIM = "scorec-verbatim";
const verbatimTag: ScalarTag = {
  identify: (value) => typeof value === "string",
  default: true,
  tag: "tag:yaml.org,2002:str",
  format: VERBATIM,
  resolve: (s) => s,
  stringify: (item) => String(item.value),
};

const STRINGIFY_OPTIONS = {
  indent: 2,
  indentSeq: true, // `key:\n  - item`
  lineWidth: 0, // never fold
  minContentWidth: 0,
  blockQuote: "literal",
  doubleQuotedAsJSON: true,
  singleQuote: false,
  directives: false, // no `%YAML` / `---` / `...`
} as const;

function verbatim(text: string): Scalar {
  const node = new Scalar(text);
  node.format = VERBATIM;
  return node;
}

/** `where`: "key" and "root" never get block scalars (PyYAML rejects a root block at column 0). */
function stringNode(s: string, where: "key" | "value" | "root", lastInDocument: boolean): Scalar {
  if (isPlainSafe(s)) {
    const node = new Scalar(s);
    node.type = Scalar.PLAIN;
    return node;
  }
  // A `|+` block as the last node would end the document with several newlines; quote it instead.
  if (where === "value" && isBlockSafe(s) && !(lastInDocument && needsKeepChomping(s))) {
    const node = new Scalar(s);
    node.type = Scalar.BLOCK_LITERAL;
    return node;
  }
  return verbatim(doubleQuoted(s));
}

class Builder {
  private readonly ancestors = new Set<object>();
  constructor(private readonly keyOrder: KeyOrder | undefined) {}

  node(value: unknown, path: string[], lastInDocument: boolean): Scalar | YAMLMap | YAMLSeq {
    if (value === null || value === undefined) return verbatim("null");
    if (typeof value === "boolean") return verbatim(value ? "true" : "false");
    if (typeof value === "number" || typeof value === "bigint") return verbatim(formatNumber(value));
    if (typeof value === "string") return stringNode(value, path.length ? "value" : "root", lastInDocument);
    if (Array.isArray(value)) return this.within(value, path, () => this.seq(value, path, lastInDocument));
    if (isPlainObject(value)) return this.within(value, path, () => this.map(value, path, lastInDocument));
    throw new TypeError(`toYaml: cannot write ${describe(value)} at ${pathText(path)}`);
  }

  private within<T>(value: object, path: string[], build: () => T): T {
    if (this.ancestors.has(value)) throw new TypeError(`toYaml: circular reference at ${pathText(path)}`);
    this.ancestors.add(value);
    try {
      return build();
    } finally {
      this.ancestors.delete(value);
    }
  }

  private seq(items: unknown[], path: string[], lastInDocument: boolean): YAMLSeq {
    const seq = new YAMLSeq();
    items.forEach((item, i) => {
      seq.items.push(this.node(item, [...path, String(i)], lastInDocument && i === items.length - 1));
    });
    return seq;
  }

  private map(obj: Record<string, unknown>, path: string[], lastInDocument: boolean): YAMLMap {
    const map = new YAMLMap();
    const entries = orderedEntries(obj, path, this.keyOrder);
    entries.forEach(([key, value], i) => {
      const last = lastInDocument && i === entries.length - 1;
      map.items.push(new Pair(stringNode(key, "key", false), this.node(value, [...path, key], last)));
    });
    return map;
  }
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return (value.constructor as { name?: string } | undefined)?.name ?? "object";
  return typeof value;
}

function pathText(path: string[]): string {
  return path.length ? path.join(".") : "the root";
}

/**
 * Writes `value` (JSON-like data: plain objects, arrays, strings, finite or non-finite numbers, bigints,
 * booleans, null) as one YAML document ending in exactly one newline. `undefined` object values are
 * dropped; `undefined` array items are written as null (as JSON.stringify does).
 */
export function toYaml(value: unknown, opts: YamlOptions = {}): string {
  if (value === undefined) throw new TypeError("toYaml: the value is undefined");
  return layoutYaml(value, opts.keyOrder) ?? toYamlViaLibrary(value, opts);
}

/** The same document laid out by the `yaml` package (the reference the fast path is tested against). */
export function toYamlViaLibrary(value: unknown, opts: YamlOptions = {}): string {
  if (value === undefined) throw new TypeError("toYaml: the value is undefined");
  const doc = new Document(null, { version: "1.2", customTags: [verbatimTag] });
  doc.contents = new Builder(opts.keyOrder).node(value, [], true);
  const text = doc.toString(STRINGIFY_OPTIONS);
  // The library ends with one newline except after a `|+` block, which toYaml never puts last.
  return text.endsWith("\n") ? text : text + "\n";
}
