import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments, stringify } from "yaml";
import { parseYaml } from "../../src/parse/parse-yaml.js";
import { VFile } from "vfile";
import { parseYamlSubset } from "../../src/parse/yaml-subset.js";

const OPTIONS = { schema: "core", uniqueKeys: false } as const;

/** A value's exact shape: key order, own keys, prototypes, -0 and NaN included. */
function canon(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(",")}]`;
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v) === Object.prototype ? "" : "!proto";
    return `{${proto}${Object.keys(v as object).map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return `?${typeof v}`;
}

/** What the library says: a value, or that it refuses the text. */
function library(text: string): { value: string } | "error" {
  try {
    return { value: canon(parse(text, OPTIONS)) };
  } catch {
    return "error";
  }
}

/** The subset either declines (undefined) or reads exactly what the library reads. */
function agrees(text: string): boolean {
  const mine = parseYamlSubset(text);
  if (mine === undefined) return true;
  const theirs = library(text);
  if (theirs === "error") throw new Error(`the subset read a text the library refuses: ${JSON.stringify(text)}`);
  expect(canon(mine.value), JSON.stringify(text)).toBe(theirs.value);
  return true;
}

const TRICKY = ["", " ", "a b", "true", "False", "NULL", "~", "null", "1", "-0", "+5", "0o17", "0x1F", "1e3", ".5", "1.", ".inf", "-.Inf", ".NaN", "0777", "1_000", "a: b", "a:b", "#c", "a #c", "- x", "-x", "-5", "?", "'", '"', "'q'", '"q"', "\\", "x\\y", "[a]", "{}", "|", ">", "&a", "*a", "!t", "%", "@", "`", "__proto__", "constructor", "toString", "k:", "é", "😀", "a\nb", "a\n\nb\n", "trail\n", "  lead", "tab\tx", "<<"];
const scalar = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 6 }));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 4 })),
})).v;
const STYLES = [{}, { indentSeq: false }, { indent: 4 }, { defaultStringType: "QUOTE_DOUBLE" }, { defaultStringType: "QUOTE_SINGLE" }, { collectionStyle: "flow" }, { lineWidth: 0 }, { defaultKeyType: "PLAIN" }] as const;

describe("parseYamlSubset", () => {
  it("reads what the library reads, on documents the library writes in several styles", () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...STYLES), (v, style) => agrees(stringify(v, style as object))),
      { numRuns: 3000 },
    );
  });

  it("reads what the library reads (or declines), on line soup: indents, dashes, keys, quotes, literals, comments", () => {
    const token = fc.constantFrom("- ", "-", "a:", "a: ", "b: 1", "'k': v", '"k": "v"', "x", "|", "|-", "|+", ">", "# c", " #c", "[a, 'b', \"c\"]", "[]", "{}", "{a: 1}", "&x ", "*x", "? ", ": ", "---", "...", "\"a\\nb\"", "'it''s'", "true", "0x1F", "1.50", "-.inf", "~", "<<: ", "__proto__: ", "a: b: c", "\"open", "'open");
    const line = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.array(token, { minLength: 0, maxLength: 3 })).map(([n, ts]) => " ".repeat(n) + ts.join(""));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (ls, end) => agrees(ls.join("\n") + (end ? "\n" : ""))),
      { numRuns: 20000 },
    );
  });

  it("with uniqueKeys, reads only texts the Score parse would read as one clean document, to the same value", () => {
    // parse-yaml.ts reads a Score file with the subset when it accepts it and builds the yaml Document only
    // for positions: the library must find no error and no warning there, or the fast path would hide them.
    const token = fc.constantFrom("- ", "a:", "a: ", "b: 1", "a: 2", "'a': v", '"a": "v"', "1: x", "'1': y", "~: n", "null: m", "x", "|", "|-", "[a, 'b']", "{}", "# c", "true", "__proto__: ", "toString: 1", "k: |", "  line");
    const line = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.array(token, { minLength: 0, maxLength: 3 })).map(([n, ts]) => " ".repeat(n) + ts.join(""));
    const texts = fc.oneof(
      fc.array(line, { maxLength: 8 }).map((ls) => ls.join("\n") + "\n"),
      fc.tuple(value, fc.constantFrom(...STYLES)).map(([v, style]) => stringify(v, style as object)),
    );
    let accepted = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const mine = parseYamlSubset(text, { uniqueKeys: true });
        if (mine === undefined) return true;
        accepted++;
        const docs = parseAllDocuments(text, { schema: "core", uniqueKeys: true, prettyErrors: false });
        const list = Array.isArray(docs) ? docs : [];
        const problems = list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
        expect(problems, JSON.stringify(text)).toEqual([]);
        expect(list.length, JSON.stringify(text)).toBeLessThanOrEqual(1);
        if (list.length === 1) expect(canon(mine.value), JSON.stringify(text)).toBe(canon(list[0]!.toJS()));
        return true;
      }),
      { numRuns: 20000 },
    );
    expect(accepted).toBeGreaterThan(1000);
  });

  it("declines a mapping that repeats a key when uniqueKeys is asked for", () => {
    expect(parseYamlSubset("a: 1\nb: 2\na: 3\n")).toBeDefined();
    expect(parseYamlSubset("a: 1\nb: 2\na: 3\n", { uniqueKeys: true })).toBeUndefined();
    expect(parseYamlSubset("a:\n  x: 1\n  x: 2\n", { uniqueKeys: true })).toBeUndefined();
    expect(parseYamlSubset("a:\n  x: 1\nx: 2\n", { uniqueKeys: true })).toEqual({ value: { a: { x: 1 }, x: 2 } });
  });

  it("a file read on the fast path positions its findings as one read by the library does", () => {
    const text = "apiVersion: score.dev/v1b1\nmetadata:\n  name: w\ncontainers:\n  main:\n    image: nginx\n    variables:\n      A: \"x\"\nresources:\n  db:\n    type: postgres\n";
    expect(parseYamlSubset(text, { uniqueKeys: true })).toBeDefined();
    const fast = parseYaml(new VFile({ path: "w.yaml" }), text);
    // A trailing comment takes the text off the fast path; the value and the lines do not change.
    const slow = parseYaml(new VFile({ path: "w.yaml" }), text + "# end\n");
    expect(fast.documents).toEqual(slow.documents);
    for (const pointer of ["", "/metadata/name", "/containers/main", "/containers/main/variables/A", "/resources/db/type", "/resources/db/missing", "/nope"]) {
      for (const opts of [{}, { key: true }, { keyOfBlock: true }]) expect(fast.source!.rangeOfPointer(0, pointer, opts), pointer).toEqual(slow.source!.rangeOfPointer(0, pointer, opts));
    }
    expect(fast.source!.rangeOfText(0, "/containers/main/variables/A", "x")).toEqual(slow.source!.rangeOfText(0, "/containers/main/variables/A", "x"));
  });

  it("takes the fast path on what the default provisioners render", () => {
    const texts = [
      "randomServiceName: pg-abc123\nrandomPassword: \"Xy9\"\nsk: default-provisioners-postgres-instance\npublishPort: \"0\"\n",
      "pg-1:\n  image: mirror.gcr.io/postgres:17-alpine\n  restart: always\n  environment:\n    POSTGRES_USER: postgres\n      \n  volumes:\n  - type: volume\n    source: pg-1-data\n  healthcheck:\n    test: [\"CMD\", \"pg_isready\", \"-U\", \"postgres\"]\n    interval: 2s\n    retries: 15\n  command:\n  - \"-c\"\n  - |\n    cd /db-scripts\n    ls db-*.sql | xargs cat\n  labels:\n    dev.score.compose.labels.is-init-container: \"true\"\n",
      "pg-1-db-scripts/db.sql: |\n  SELECT 'CREATE DATABASE \"db\"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'db')\\gexec\n",
      "- \"a message\"\n- 'another'\n",
    ];
    for (const t of texts) {
      const mine = parseYamlSubset(t);
      expect(mine, t).toBeDefined();
      expect(canon(mine!.value)).toBe(canon(parse(t, OPTIONS)));
    }
  });
});
