import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { parseYamlSubset } from "../../src/provision/yaml-subset.js";

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
