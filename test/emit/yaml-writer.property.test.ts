// Round-trip properties of toYaml for random JSON values, read back by YAML 1.2 and YAML 1.1 parsers.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseDocument, visit } from "yaml";
import { toYaml } from "../../src/emit/yaml-writer.js";
import { realTool } from "../helpers/real-tool.js";

/** Characters that stress the quoting rules, mixed with ordinary ones. */
const trickyChar = fc.constantFrom(
  "a", "y", "n", "o", "e", "E", "x", "b", "0", "1", "7", "9", "_", ".", ":", "-", "+", "#", " ", "\t", "\n", "\r",
  "|", ">", "'", '"', "*", "&", "!", "%", "@", "`", "{", "}", "[", "]", ",", "?", "~", "\\", "é", "\u0085", "\u2028",
  "\ufeff", "\u00a0", "😀", "\u0000", "\u001b",
);
const tricky = fc.oneof(
  fc.constantFrom("y", "NO", "on", "Off", "~", "null", "0644", "0o17", "0x1F", "1_000", "1:30", "1e3", ".inf", "2001-12-14", "<<"),
  fc.string({ unit: trickyChar, maxLength: 12 }),
);
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: "grapheme" }),
  fc.jsonValue({ maxDepth: 3, stringUnit: trickyChar }),
  fc.dictionary(tricky, fc.oneof(tricky, fc.array(tricky, { maxLength: 3 }))),
);

/** JSON's view of the value (no -0, no undefined): what a reader must get back. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const runs = { numRuns: 400 };

describe("toYaml properties", () => {
  it("reads back equal with YAML 1.2 (core) and YAML 1.1", () => {
    fc.assert(
      fc.property(json, (v) => {
        const out = toYaml(v);
        expect(parse(out)).toEqual(asJson(v));
        expect(parse(out, { version: "1.1" })).toEqual(asJson(v));
      }),
      runs,
    );
  });

  it("has no anchors or aliases and ends with exactly one newline", () => {
    fc.assert(
      fc.property(json, (v) => {
        const out = toYaml(v);
        expect(out.endsWith("\n") && !out.endsWith("\n\n")).toBe(true);
        expect(out.includes("\r")).toBe(false);
        let anchored = false;
        visit(parseDocument(out), {
          Alias: () => void (anchored = true),
          Node: (_key, node) => void (anchored ||= Boolean(node.anchor)),
        });
        expect(anchored).toBe(false);
      }),
      runs,
    );
  });

  it("is idempotent through a parse round trip", () => {
    fc.assert(
      fc.property(json, (v) => {
        const out = toYaml(v);
        expect(toYaml(parse(out))).toBe(out);
      }),
      runs,
    );
  });
});

// PyYAML is a YAML 1.1 reader independent of the `yaml` package.
const pyyaml = realTool("PyYAML", "python3", ["-c", "import yaml"]);

describe.skipIf(!pyyaml)("toYaml read by PyYAML (YAML 1.1)", () => {
  it("gives back the same data", () => {
    const samples = fc.sample(json, { numRuns: 300, seed: 42 });
    samples.push({ on: "yes", "0644": "0644", t: "2001-12-14", s: "1:30", m: "a\nb\n", k: "a\n\n", z: "x" });
    const docs = samples.map((v) => toYaml(v));
    const script =
      "import sys, json, yaml\n" +
      "docs = json.load(sys.stdin)\n" +
      "print(json.dumps([yaml.safe_load(d) for d in docs]))\n";
    const r = spawnSync("python3", ["-c", script], { input: JSON.stringify(docs), encoding: "utf8", maxBuffer: 64 << 20 });
    expect(r.stderr).toBe("");
    const back = JSON.parse(r.stdout) as unknown[];
    back.forEach((b, i) => expect(b, docs[i]).toEqual(asJson(samples[i])));
  });
});
