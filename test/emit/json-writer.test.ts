import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/emit/json-writer.js";

describe("toJson", () => {
  it("indents by 2, sorts keys by code unit at every level and ends with one newline", () => {
    const v = { b: 1, a: { z: [3, { y: true, x: null }], "10": "s", "2": [] }, B: {}, "é": "ü" };
    expect(toJson(v)).toBe(
      [
        "{",
        '  "B": {},',
        '  "a": {',
        '    "10": "s",',
        '    "2": [],',
        '    "z": [',
        "      3,",
        "      {",
        '        "x": null,',
        '        "y": true',
        "      }",
        "    ]",
        "  },",
        '  "b": 1,',
        '  "é": "ü"',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("applies a known-key order like the YAML writer", () => {
    const order = (p: readonly string[]) => (p.length === 0 ? ["name", "image"] : undefined);
    expect(toJson({ z: 1, image: "x", name: "n" }, { keyOrder: order })).toBe('{\n  "name": "n",\n  "image": "x",\n  "z": 1\n}\n');
  });

  it("drops undefined object values, writes undefined array items as null", () => {
    expect(toJson({ a: undefined, b: [undefined] })).toBe('{\n  "b": [\n    null\n  ]\n}\n');
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => toJson({ n: NaN })).toThrow(/NaN at n/);
    expect(() => toJson({ d: new Date(0) })).toThrow(TypeError);
    expect(() => toJson(undefined)).toThrow(TypeError);
  });

  it("reads back as the same value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "grapheme" }), (v) => {
        const out = toJson(v);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(/[^\n]\n$/.test(out)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
