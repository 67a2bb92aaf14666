import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileRenderedShape, NOT_BUILT } from "../../src/provision/rendered-shape.js";
import { parseTemplate } from "../../src/template/index.js";

const OPTIONS = { schema: "core", uniqueKeys: false } as const;

/** What the provisioner would get by parsing the text: the value, or the error message. */
function parsed(text: string): { value: unknown } | { error: string } {
  try {
    return { value: parse(text, OPTIONS) ?? null };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function textOf(texts: readonly string[], holes: readonly string[]): string {
  return texts.reduce((s, t, i) => (i === 0 ? t : s + holes[i - 1] + t), "");
}

/** Deterministic values (a small LCG): safe names most of the time, and every kind of troublemaker. */
function valueStream(seed: number): () => string {
  let x = seed >>> 0;
  const rnd = (n: number) => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) % n);
  const tricky = [
    "", " ", "a b", "a: b", "a:", ":", "#x", "a #b", "a#b", "-", "- x", "-x", "---", "...", "..x", ".", "./m/x", ".inf", ".NaN",
    "~", "null", "Null", "true", "FALSE", "yes", "0", "7", "0123", "-5", "+5", "1.5", "1e5", "1e5x", "0x1F", "0o17", "0xZZ",
    "12345678901234567890", "1IfVAUyHpfJFolI7", "9abc", "\"q\"", "\"a b\"", "\"a\\\"b\"", "'s'", "'it''s'", "\"\"", "''",
    "a\nb", "\tx", "x\t", "é", "a\"b", "a'b", "a\\b", "[x]", "{x}", "a,b", "&a", "*a", "!t", "%x", "@x", "`x", "|", ">", "?", "? x",
    "__proto__", "<<", "<no value>", "redis.default#svc-00000.cache", "pg-Ab12Cd",
  ];
  const safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./#";
  return () => {
    if (rnd(3) === 0) return tricky[rnd(tricky.length)]!;
    let s = "";
    for (let n = 1 + rnd(10); n > 0; n--) s += safe[rnd(safe.length)];
    return s;
  };
}

const TEMPLATES = [
  "a: {{ .x }}\n",
  "{{ .x }}:\n  name: {{ .x }}-data\n  driver: local\n  labels:\n    uid: {{ .x }}\n",
  "host: {{ .x }}\nport: {{ .x }}\nusername: default\npassword: {{ .x }}\n",
  "q: \"{{ .x }}\"\ns: '{{ .x }}'\nm: \"pre {{ .x }} \\\" post\"\n",
  "{{ .x }}/redis.conf: |\n  requirepass {{ .x }}\n  port {{ .x }}\n  save 60 1\n",
  "- {{ .x }}\n- \"{{ .x }}: to connect: {{ .x }}\"\n- a {{ .x }} b\n",
  "k: x{{ .x }}y\nl: {{ .x }}{{ .x }}\n",
  "svc:\n  command: [\"a\", \"b\"]\n  env: {A: b}\n  x: {{ .x }}\n",
  "a: {{ .x }} # a comment\n",
  "a: 1 # {{ .x }}\n",
  "a: [{{ .x }}]\n",
  "a: >\n  {{ .x }}\n",
  "a: &anchor {{ .x }}\n",
  "a: !!str {{ .x }}\n",
  "{{ .x }}\n",
  "a: |\n{{ .x }}\n",
  "a: {{ .x }}\nb: |\n  {{ .x }}\n  tail\n",
  // Repeated keys (uniqueKeys: false): the last value, at the first key's place.
  "a: {{ .x }}\nb: 1\na: 2\nc:\n  d: {e: 1, e: 2}\n  f: [g, {h: i}]\n",
  "{{ .x }}: 1\nk: 2\n{{ .x }}: 3\n",
];

describe("compileRenderedShape", () => {
  it("builds exactly what yaml.parse reads from the rendered text, or declines", () => {
    const next = valueStream(42);
    let built = 0;
    for (const src of TEMPLATES) {
      const texts = parseTemplate(src).flatTexts!;
      expect(texts).toBeDefined();
      const shape = compileRenderedShape(texts);
      if (!shape) continue;
      for (let run = 0; run < 400; run++) {
        const holes = texts.slice(1).map(() => next());
        const v = shape.build(holes);
        if (v === NOT_BUILT) continue;
        built++;
        const text = textOf(texts, holes);
        const expected = parsed(text);
        expect(expected, text).toHaveProperty("value");
        const value = (expected as { value: unknown }).value;
        expect(v, text).toEqual(value);
        // Same key order, same types.
        expect(JSON.stringify(v), text).toBe(JSON.stringify(value));
      }
    }
    expect(built).toBeGreaterThan(1000);
  });

  it("declines skeletons it cannot fill: actions in comments, flow collections, folded blocks, anchors, tags", () => {
    for (const src of ["a: 1 # {{ .x }}\n", "a: [{{ .x }}]\n", "a: >\n  {{ .x }}\n", "a: &n {{ .x }}\n", "a: !!str {{ .x }}\n", "a: |\n{{ .x }}\n", "a: [1\n{{ .x }}"]) {
      expect(compileRenderedShape(parseTemplate(src).flatTexts!), src).toBeUndefined();
    }
  });

  it("declines keys longer than yaml reads as implicit keys, as the text would fail to parse", () => {
    const long = "k".repeat(1100);
    for (const [src, hole] of [["\"{{ .x }}\": v\n", long], ["'{{ .x }}': v\n", long], ["{{ .x }}: v\n", `"${long}"`], ["{{ .x }}: v\n", long], ["a{{ .x }}: v\n", long]] as const) {
      const texts = parseTemplate(src).flatTexts!;
      expect(parsed(textOf(texts, [hole])), src).toHaveProperty("error");
      expect(compileRenderedShape(texts)!.build([hole]), src).toBe(NOT_BUILT);
      // A short key is still built, as the text reads.
      expect(compileRenderedShape(texts)!.build(["kk"]), src).toEqual((parsed(textOf(texts, ["kk"])) as { value: unknown }).value);
    }
  });

  it("gives fresh data on every build (callers may change what they get)", () => {
    const shape = compileRenderedShape(parseTemplate("a:\n  b: [1, 2]\n  c: {{ .x }}\n").flatTexts!)!;
    const one = shape.build(["x"]) as { a: { b: number[] } };
    one.a.b.push(3);
    expect(shape.build(["x"])).toEqual({ a: { b: [1, 2], c: "x" } });
  });

  it("fills every flat field of the default compose provisioners with generated names", () => {
    const file = readFileSync(new URL("../../targets/compose/provisioners/zz-default.provisioners.yaml", import.meta.url), "utf8");
    const next = valueStream(7);
    let fields = 0;
    for (const p of parse(file) as Record<string, unknown>[]) {
      for (const src of Object.values(p)) {
        if (typeof src !== "string" || !src.includes("{{")) continue;
        let texts: readonly string[] | undefined;
        try {
          texts = parseTemplate(src, { funcs: { encodeSecretRef: () => "" } }).flatTexts;
        } catch {
          continue;
        }
        const shape = texts && compileRenderedShape(texts);
        if (!texts || !shape) continue;
        fields++;
        for (let run = 0; run < 50; run++) {
          const holes = texts.slice(1).map(() => next());
          const v = shape.build(holes);
          if (v === NOT_BUILT) continue;
          const expected = parsed(textOf(texts, holes));
          expect(expected).toHaveProperty("value");
          expect(JSON.stringify(v)).toBe(JSON.stringify((expected as { value: unknown }).value));
        }
      }
    }
    expect(fields).toBeGreaterThan(20);
  });
});
