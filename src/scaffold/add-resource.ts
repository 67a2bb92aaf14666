// `scorec add resource`: insert one resource into a Score file's text. The `yaml` Document API finds where
// (the `resources` map and its indentation) and renders the new entry; the entry is then spliced into the
// original text, so every other byte — comments, blank lines, quoting, folded scalars, odd indentation —
// stays as the user wrote it (re-printing the whole document would normalise all of those).
import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isScalar, LineCounter, parseAllDocuments, parse as parseYamlText, type YAMLMap } from "yaml";

export class AddResourceError extends Error {}

export interface NewResource {
  name: string;
  type: string;
  class?: string;
  id?: string;
  params?: Record<string, unknown>;
}

/** `k=v` → [k, value]: the value is read as a YAML scalar (`3` a number, `true` a boolean, `"3"` a string). */
export function parseParam(spec: string): [string, unknown] {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new AddResourceError(`--param takes KEY=VALUE, got "${spec}"`);
  const raw = spec.slice(eq + 1);
  let value: unknown = raw;
  try {
    const v = parseYamlText(raw) as unknown;
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) value = v;
  } catch {
    // not a YAML scalar: keep the text
  }
  return [spec.slice(0, eq), value];
}

function entryValue(r: NewResource): Record<string, unknown> {
  return { type: r.type, ...(r.class ? { class: r.class } : {}), ...(r.id ? { id: r.id } : {}), ...(r.params && Object.keys(r.params).length ? { params: r.params } : {}) };
}

/** The entry `name:\n  type: …` rendered by the Document API, every line prefixed with `indent`. */
function renderEntry(r: NewResource, step: number, indent: string): string {
  const text = new Document({ [r.name]: entryValue(r) }).toString({ indent: step, lineWidth: 0 });
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => indent + l + "\n")
    .join("");
}

/** Column (0-based) of the character at `offset`. */
function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** Where a parsed node starts in the text. */
function start(node: unknown): number | undefined {
  return (node as { range?: readonly number[] } | null | undefined)?.range?.[0];
}

/** Offset just past the line holding `offset` (after its newline, or the end of the text). */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The indentation step the file uses: the column of the first key nested in a root block map, else 2. */
function indentStep(root: YAMLMap, text: string): number {
  for (const pair of root.items) {
    if (isMap(pair.value) && !pair.value.flow && pair.value.items[0]) {
      const key = pair.value.items[0].key;
      if (isScalar(key) && key.range && start(pair.key) !== undefined) return Math.max(1, column(text, key.range[0]) - column(text, start(pair.key)!));
    }
  }
  return 2;
}

/** `text` with `r` added under `resources`; throws AddResourceError when the file cannot take it. */
export function addResource(text: string, r: NewResource): string {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  if (!Array.isArray(docs) || docs.length !== 1) throw new AddResourceError(`the file holds ${Array.isArray(docs) ? docs.length : 0} YAML documents; add resource edits a file with exactly one workload`);
  const doc = docs[0]!;
  if (doc.errors.length) throw new AddResourceError(`the file is not valid YAML (${doc.errors[0]!.message.split("\n")[0]}); fix it first (scorec check)`);
  const root = doc.contents;
  if (!isMap(root) || root.flow) throw new AddResourceError("the workload is not a block map of keys (apiVersion, metadata, containers…)");
  const before = doc.toJS() as Record<string, unknown>;
  const step = indentStep(root, text);
  const rootIndent = " ".repeat(root.range ? column(text, root.range[0]) : 0);
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === "resources");
  let out: string;
  if (!pair) {
    // No resources yet: a new top-level key at the end (after any trailing comments, e.g. init's example).
    const body = text.endsWith("\n") || text === "" ? text : text + "\n";
    out = body + `${rootIndent}resources:\n` + renderEntry(r, step, rootIndent + " ".repeat(step));
  } else {
    const value = pair.value;
    if (isMap(value) && value.items.some((p) => isScalar(p.key) && p.key.value === r.name)) throw new AddResourceError(`resource "${r.name}" already exists in this workload`);
    if (isMap(value) && !value.flow && value.items.length) {
      const first = value.items[0]!;
      const keyColumn = column(text, start(first.key)!);
      const indent = " ".repeat(keyColumn);
      // The step inside a resource, as the first resource is written (`db:\n    type:` → 4).
      const inner = isMap(first.value) && !first.value.flow ? start(first.value.items[0]?.key) : undefined;
      const localStep = inner !== undefined ? Math.max(1, column(text, inner) - keyColumn) : step;
      // After the last character of the map's content (its range also covers blank lines after it).
      let last = value.range![1];
      while (last > 0 && /\s/.test(text[last - 1]!)) last--;
      const at = endOfLine(text, last);
      const head = text.slice(0, at);
      out = (head.endsWith("\n") ? head : head + "\n") + renderEntry(r, localStep, indent) + text.slice(at);
    } else if (value === null || (isScalar(value) && value.value === null) || (isMap(value) && value.items.length === 0)) {
      // `resources:` or `resources: {}`: the block goes under the key, replacing an empty value.
      const key = pair.key as { range: [number, number, number] };
      const keyIndent = " ".repeat(column(text, key.range[0]));
      const start = isMap(value) || isScalar(value) ? value.range![0] : key.range[1];
      const from = isMap(value) && text[start - 1] === " " ? start - 1 : start;
      const to = isMap(value) || isScalar(value) ? value.range![1] : key.range[1];
      const replaced = isMap(value) ? text.slice(0, from) + text.slice(to) : text;
      const lineEnd = endOfLine(replaced, isMap(value) ? from : to);
      const head = replaced.slice(0, lineEnd).replace(/[ \t]+(\n?)$/, "$1");
      out = (head.endsWith("\n") ? head : head + "\n") + renderEntry(r, step, keyIndent + " ".repeat(step)) + replaced.slice(lineEnd);
    } else {
      throw new AddResourceError("resources is written as a flow map ({…}); write it as a block map to add to it");
    }
  }
  // The splice must change exactly one thing: the new resource.
  const after = parseAllDocuments(out);
  const got = Array.isArray(after) && after.length === 1 && !after[0]!.errors.length ? (after[0]!.toJS() as Record<string, unknown>) : undefined;
  const want = { ...before, resources: { ...((before.resources as Record<string, unknown> | null) ?? {}), [r.name]: entryValue(r) } };
  if (!got || !isDeepStrictEqual(got, want)) throw new AddResourceError("could not add the resource without changing other parts of the file (unusual layout); add it by hand");
  return out;
}
