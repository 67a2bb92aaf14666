// The subset reader's position index (subset-positions.ts) must answer every position question exactly as
// the yaml library's Document does: SourceFile answers from the index for files read on the fast path. And
// the single-pointer lookup (subset-locate.ts), which SourceFile asks first, must answer exactly as the
// index whenever it answers at all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, stringify, type Document, type Node } from "yaml";
import { VFile } from "vfile";
import { parseYaml } from "../../src/parse/parse-yaml.js";
import { pointerSegments, SourceFile, toPointer } from "../../src/parse/source-file.js";
import { SubsetLocator } from "../../src/parse/subset-locate.js";
import type { SubsetPositions } from "../../src/parse/subset-positions.js";
import { positionYamlSubset } from "../../src/parse/yaml-subset.js";

const root = join(import.meta.dirname, "..", "..");

/**
 * The file as SourceFile reads it on the fast path (lookups, then the index) and on the library's path
 * (Document). `fast` makes a new SourceFile each time: a SourceFile stops looking pointers up one by one
 * after a few whole-file reads' worth of lines and asks the index, and a fresh one is asked each pointer's
 * questions through the lookup first.
 */
function bothWays(text: string): { fast: () => SourceFile; slow: SourceFile; doc: Document.Parsed; index: SubsetPositions } | undefined {
  const index = positionYamlSubset(text, { uniqueKeys: true });
  if (!index) return undefined;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, schema: "core", uniqueKeys: true, prettyErrors: false, logLevel: "error" }) as Document.Parsed[];
  // The fast path serves files of one mapping or list (parse-yaml.ts's readPlain).
  if (documents.length !== 1 || !(isMap(documents[0]!.contents) || isSeq(documents[0]!.contents))) return undefined;
  const fast = (): SourceFile =>
    new SourceFile("f.yaml", text, () => {
      throw new Error("the fast path built the Document");
    }, () => index);
  return { fast, slow: new SourceFile("f.yaml", text, { lineCounter, documents }), doc: documents[0]!, index };
}

/** Every pointer of the value tree, and pointers just past it (missing keys, items, children of scalars). */
function pointers(doc: Document.Parsed): string[] {
  const out: string[] = ["", "/", "/nope", "/0", "/-1", "/1.5", "/~1x"];
  const walk = (node: Node | null, path: (string | number)[]): void => {
    const here = toPointer(path);
    out.push(here, `${here}/missing`, `${here}/0`, `${here}/1`, `${here}/99`, `${here}/`, `${here}/missing/deeper`);
    if (isMap(node)) {
      for (const p of node.items) walk(p.value as Node | null, [...path, isScalar(p.key) ? String(p.key.value) : "?"]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node, [...path, i]));
      if (node.items.length > 0) out.push(`${here}/00`, `${here}/ 0`, `${here}/0e0`);
    }
  };
  walk(doc.contents as Node | null, []);
  return out;
}

/** Pieces of the text to look for inside nodes: every short run of non-space characters, and some misses. */
function needles(text: string, max: number): string[] {
  const out = new Set<string>(["${", "}", "zzz-not-there"]);
  for (const m of text.matchAll(/[^\s]{1,3}/g)) if (out.size < max) out.add(m[0]);
  return [...out];
}

const OPTIONS = [{}, { key: true }, { keyOfBlock: true }, { key: true, keyOfBlock: true }];

/** Every answer a SourceFile gives about the text, one line each (compared as a whole: tens of thousands). */
function answers(file: () => SourceFile, doc: Document.Parsed, text: string, words: readonly string[]): string[] {
  const out: string[] = [];
  let f = file();
  for (let offset = -1; offset <= text.length + 1; offset++) {
    out.push(`point ${offset} ${JSON.stringify(f.point(offset))}`);
    if (offset >= 0 && offset <= text.length) out.push(`lineAt ${offset} ${JSON.stringify(f.lineAt(offset))}`);
  }
  for (const pointer of pointers(doc)) {
    f = file();
    for (const opts of OPTIONS) out.push(`${pointer} ${JSON.stringify(opts)} ${JSON.stringify(f.rangeOfPointer(0, pointer, opts))}`);
    for (const needle of words) for (const occurrence of [0, 1]) out.push(`${pointer} text ${needle}#${occurrence} ${JSON.stringify(f.rangeOfText(0, pointer, needle, occurrence))}`);
  }
  out.push(`doc 1 ${JSON.stringify(f.rangeOfPointer(1, "/a"))} ${JSON.stringify(f.rangeOfText(1, "/a", "a"))}`, `firstLine ${JSON.stringify(f.firstLine())}`);
  return out;
}

/** Pointers the lookup answered and declined (then the index answers), over a test's documents. */
interface LookupCount {
  answered: number;
  declined: number;
}

/**
 * Asserts the lookup finds what the index finds for every pointer it answers: the node's kind, its range
 * and the range of the key it was reached by (all that SourceFile uses).
 */
function sameLookups(text: string, doc: Document.Parsed, index: SubsetPositions, count: LookupCount): void {
  const locator = new SubsetLocator(text);
  for (const pointer of pointers(doc)) {
    const segments = pointerSegments(pointer);
    const quick = locator.locate(segments);
    if (!quick) {
      count.declined++;
      continue;
    }
    count.answered++;
    const { node, pair } = index.locate(segments);
    const expected = { kind: index.kind(node), start: index.start(node), end: index.end(node), keyStart: pair >= 0 ? index.keyStart(pair) : -1, keyEnd: pair >= 0 ? index.keyEnd(pair) : -1 };
    if (JSON.stringify(quick) !== JSON.stringify(expected)) expect(quick, `${pointer} in ${JSON.stringify(text)}`).toEqual(expected);
  }
}

/** Asserts equal answers; false when the fast path would not serve the text. */
function sameAnswers(text: string, count: LookupCount, needleCount = 24): boolean {
  const both = bothWays(text);
  if (!both) return false;
  sameLookups(text, both.doc, both.index, count);
  const words = needles(text, needleCount);
  const mine = answers(both.fast, both.doc, text, words);
  const theirs = answers(() => both.slow, both.doc, text, words);
  const first = mine.findIndex((a, i) => a !== theirs[i]);
  if (first >= 0 || mine.length !== theirs.length) expect(mine[first], JSON.stringify(text)).toBe(theirs[first]);
  return true;
}

/** Score and provisioner files of the repository's fixtures and corpora. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe("subset position index", () => {
  it("answers as the Document on line soup: nesting, empty values, comments at every indentation, blank lines", () => {
    const token = fc.constantFrom("- ", "-", "a:", "a: ", "b: 1", "c: 'q'", '"k": v', "'k k': \"v\"", "x", "y z", "|", "|-", "[a, 'b', \"c\" ]", "[x,y]", "[]", "{}", "# c", "#", "~: n", "1: x", "true: t", "d: |", "e: ${x}", "f: [${a}, b]", '[x, "k: v"]', "'q: r'", '"s": t');
    const line = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.array(token, { minLength: 0, maxLength: 3 })).map(([n, ts]) => " ".repeat(n) + ts.join("")),
      fc.integer({ min: 0, max: 6 }).map((n) => " ".repeat(n) + "# note"),
      fc.constant(""),
    );
    let accepted = 0;
    const count = { answered: 0, declined: 0 };
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.boolean(), (ls, end) => {
        if (sameAnswers(ls.join("\n") + (end ? "\n" : ""), count)) accepted++;
      }),
      { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(200);
    // Line soup is mostly comments and empty values, which the lookup leaves to the index; still it answers.
    expect(count.answered).toBeGreaterThan(count.declined / 4);
  });

  const scalar = fc.oneof(fc.constantFrom("", "a b", "true", "null", "1", "${resources.db.host}", "x: y", "#c", "line\nbreak\n", "it's", '"q"'), fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
  const key = fc.oneof(fc.constantFrom("a", "1", "null", "~", "a b", "k:", "$x", "__proto__"), fc.string({ maxLength: 4 }));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 4 })),
  })).v;
  const STYLES = [{}, { indentSeq: false }, { indent: 4 }, { defaultStringType: "QUOTE_DOUBLE" }, { defaultStringType: "QUOTE_SINGLE" }, { lineWidth: 0 }] as const;

  it("answers as the Document on documents the library writes, with comment and blank lines put between", () => {
    let accepted = 0;
    const count = { answered: 0, declined: 0 };
    fc.assert(
      fc.property(value, fc.constantFrom(...STYLES), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 8 }), fc.boolean())), (v, style, inserts) => {
        const ls = stringify(v, style as object).split("\n");
        for (const [at, indent, comment] of inserts) ls.splice(at % (ls.length + 1), 0, comment ? " ".repeat(indent) + "# c" : "");
        if (sameAnswers(ls.join("\n"), count)) accepted++;
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(200);
    expect(count.answered).toBeGreaterThan(count.declined);
  });

  // Hundreds of files, each asked every position: minutes on a loaded machine.
  it("answers as the Document on every fixture and corpus file the subset reads", { timeout: 600_000 }, () => {
    const files = [...yamlFiles(join(root, "fixtures")), ...yamlFiles(join(root, "test", "corpora"))];
    let accepted = 0;
    const count = { answered: 0, declined: 0 };
    for (const file of files) if (sameAnswers(readFileSync(file, "utf8"), count, 8)) accepted++;
    expect(accepted).toBeGreaterThan(100);
    expect(count.answered).toBeGreaterThan(count.declined);
  });

  it("positions a Score file read on the fast path without building its Document", () => {
    const text = "apiVersion: score.dev/v1b1\nmetadata:\n  name: w\ncontainers:\n  main:\n    image: nginx\n    variables:\n      A: \"${resources.db.host}\"\n    # done\nresources:\n  db:\n    type: postgres\n";
    const fast = parseYaml(new VFile({ path: "w.yaml" }), text).source!;
    const slow = bothWays(text)!.slow;
    // No finding here needs the file's position index: each pointer is looked up along its own lines.
    fast.rangeOfPointer(0, "/containers/main/variables/A");
    fast.rangeOfPointer(0, "/resources/db/missing", { key: true });
    expect((fast as unknown as { indexed?: unknown }).indexed).toBeUndefined();
    // The Document would be kept in the file once built: it stays unbuilt.
    expect(fast.rangeOfPointer(0, "/containers/main", { keyOfBlock: true })).toEqual(slow.rangeOfPointer(0, "/containers/main", { keyOfBlock: true }));
    const at = text.indexOf("${");
    expect(fast.rangeOfText(0, "/containers/main/variables/A", "${resources.db.host}")).toEqual({ start: { line: 8, column: 11, offset: at }, end: { line: 8, column: 31, offset: at + 20 } });
    expect(fast.rangeOfPointer(0, "/resources/db/type", { key: true }).start).toEqual({ line: 12, column: 5, offset: text.indexOf("type") });
    expect((fast as unknown as { positioned?: unknown }).positioned).toBeUndefined();
  });

  it("declines texts with Unicode spaces, which JavaScript trims and YAML keeps", () => {
    for (const t of ["k: a\u00a0\n", "k: \u2003a\n", "- a\u3000\n", 'k: "a"\u00a0\n']) expect(positionYamlSubset(t), JSON.stringify(t)).toBeUndefined();
  });
});
