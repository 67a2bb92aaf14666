// The fast layout (src/emit/yaml-layout.ts) writes the same bytes as the `yaml` package's layout of the
// same node tree, on random values: nested and empty collections, block scalars at every depth and
// chomping, tricky keys, undefined entries, key orders.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutYaml, layoutYamlEntry } from "../../src/emit/yaml-layout.js";
import { orderedKeys } from "../../src/emit/ordered-keys.js";
import { toYamlViaLibrary } from "../../src/emit/yaml-writer.js";

const lineChar = fc.constantFrom("a", "b", " ", "\t", "\n", "\n", "\n", ":", "#", "-", "|", "é", "😀", "\u2028", "0", "y");
const text = fc.oneof(
  fc.string({ unit: lineChar, maxLength: 16 }),
  fc.constantFrom("a\nb", "a\nb\n", "a\nb\n\n", "\n\nabc\n", "\nx", "x\n\n\ny", "---\nfoo", "...\nx", "  lead\nx", "x\n  more\n", "", "null", "1e3", "y"),
);
const key = fc.oneof(fc.constantFrom("a", "b", "y", "0", "10", "2", "x:y", "", "k ey", "-", "\nk", "é"), fc.string({ unit: lineChar, maxLength: 6 }));
const leaf = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
  ),
}));
const KEY_ORDER = (path: string[]) => (path.length % 2 ? ["y", "b", "a"] : undefined);

describe("fast YAML layout", () => {
  it("equals the yaml package's layout, byte for byte", () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (v, ordered) => {
        if (v === undefined) return;
        const order = ordered ? KEY_ORDER : undefined;
        const fast = layoutYaml(v, order);
        expect(fast).toBeDefined();
        expect(fast).toBe(toYamlViaLibrary(v, { keyOrder: order }));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes a map entry by entry with the bytes of the whole document", () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 }), tree, fc.boolean(), (inner, after, ordered) => {
        const order = ordered ? KEY_ORDER : undefined;
        const names = orderedKeys(inner, ["s"], order);
        if (names.length === 0) return;
        const doc = after === undefined ? { s: inner } : { s: inner, z: after };
        // The entries of `s` one by one (below the path ["s"], at depth 1), then the entry after it.
        let text = "s:\n";
        names.forEach((n, i) => (text += layoutYamlEntry(n, inner[n], ["s"], 1, order, after === undefined && i === names.length - 1)));
        if (after !== undefined) text += layoutYamlEntry("z", after, [], 0, order, true);
        expect(text).toBe(layoutYaml(doc, order));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves keys over 1024 characters (explicit `? ` keys) to the library", () => {
    expect(layoutYaml({ ["k".repeat(1025)]: 1 }, undefined)).toBeUndefined();
    expect(layoutYaml({ ["k".repeat(1024)]: 1 }, undefined)).toBe(toYamlViaLibrary({ ["k".repeat(1024)]: 1 }));
  });
});
