// Ordering and equality of Values: strings order by code point (not UTF-16 unit), objects and sets are
// equal whatever their insertion order.
import { describe, expect, it } from "vitest";
import { compareStrings, equal, key, RObject, RSet } from "../../src/rego/value.js";

/** Reference order: code points one by one. */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return Math.sign(x.length - y.length);
}

describe("compareStrings", () => {
  const cases: [string, string][] = [
    ["container web sets no cpu limit", "container web sets no memory limit"],
    ["abc", "abcd"],
    ["a\uffff", "a\u{10000}"], // U+FFFF < U+10000 although its UTF-16 unit is larger
    ["x\u{1F600}", "x\u{1F601}"], // same high surrogate, differ in the low one
    ["x\u{1F600}", "x\ue000"],
    ["\ud83dx", "\u{1F600}"], // lone high surrogate before a pair with the same high unit
    ["same", "same"],
    ["", "a"],
  ];
  for (const [a, b] of cases) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
      expect(compareStrings(a, b)).toBe(byCodePoints(a, b));
      expect(compareStrings(b, a)).toBe(byCodePoints(b, a));
    });
  }
});

describe("canonical keys", () => {
  it("objects are equal and keyed alike whatever their insertion order", () => {
    const a = new RObject([["msg", "m"], ["path", "/p"], [1, new RSet([2, "x"])]]);
    const b = new RObject([[1, new RSet(["x", 2])], ["path", "/p"], ["msg", "m"]]);
    expect(key(a)).toBe(key(b));
    expect(equal(a, b)).toBe(true);
    expect(new RSet([a]).has(b)).toBe(true);
  });
  it("objects that differ in a key or a value have different keys", () => {
    const a = new RObject([["a", "b,c"]]);
    expect(equal(a, new RObject([["a,b", "c"]]))).toBe(false);
    expect(equal(a, new RObject([["a", "b"], ["c", null]]))).toBe(false);
    expect(equal(new RObject([["1", 1]]), new RObject([[1, 1]]))).toBe(false);
  });
});
