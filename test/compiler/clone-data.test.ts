// The validate stage copies each valid document into the spec later stages normalise; the copy must be
// the one structuredClone made: equal, independent, aliases shared once, odd keys kept as own properties.
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { cloneData } from "../../src/validate/clone-data.js";

describe("cloneData", () => {
  it("copies parsed YAML as structuredClone does, and independently of the original", () => {
    const raw = parseDocument("a: [1, -0, .nan, .inf, true, null, 'x', {b: {c: [[]]}}]\n'1': one\ntoString: s\n").toJS() as Record<string, unknown>;
    const copy = cloneData(raw);
    expect(copy).toStrictEqual(structuredClone(raw));
    expect(Object.is((copy.a as unknown[])[1], -0)).toBe(true);
    expect(Object.keys(copy)).toEqual(Object.keys(raw));
    ((copy.a as unknown[])[7] as Record<string, unknown>).b = 0;
    expect(((raw.a as unknown[])[7] as Record<string, { c: unknown }>).b.c).toEqual([[]]);
  });
  it("keeps an object reached twice (a YAML alias) shared in the copy, as structuredClone does", () => {
    const raw = parseDocument("x: &m {k: [1]}\ny: *m\nz: [*m]\n").toJS() as Record<string, unknown>;
    const copy = cloneData(raw);
    expect(copy.x).toBe(copy.y);
    expect((copy.z as unknown[])[0]).toBe(copy.x);
    expect(copy.x).not.toBe(raw.x);
    const sc = structuredClone(raw);
    expect(sc.x).toBe(sc.y);
  });
  it("keeps a __proto__ key an own property and never changes the copy's prototype", () => {
    const raw = parseDocument("__proto__: {polluted: true}\nk: 1\n").toJS() as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(raw, "__proto__")).toBe(true);
    const copy = cloneData(raw);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(copy, "__proto__")).toBe(true);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(["__proto__", "k"]);
    expect(copy).toStrictEqual(structuredClone(raw));
  });
});
