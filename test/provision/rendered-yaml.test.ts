import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseRenderedYaml, type RenderedYamlCache } from "../../src/provision/rendered-yaml.js";

const OPTIONS = { schema: "core", uniqueKeys: false } as const;

describe("parseRenderedYaml", () => {
  it("gives what yaml.parse gives, for new and for repeated text", () => {
    const cache: RenderedYamlCache = {};
    const texts = ["a: 1\nb: [x, 'y']\n", "a: 1\nb: [x, 'y']\n", "a: 1\nb: [x, 'y']\n", "c: |\n  line\n", "", "a: 1\nb: [x, 'y']\n"];
    for (const t of texts) expect(parseRenderedYaml(t, cache)).toEqual(parse(t, OPTIONS) ?? null);
  });

  it("never hands out the kept copy: a caller's change does not reach the next caller", () => {
    const cache: RenderedYamlCache = {};
    const text = "svc:\n  environment:\n    A: b\n";
    for (let i = 0; i < 4; i++) {
      const v = parseRenderedYaml(text, cache) as { svc: { environment: Record<string, string>; added?: number } };
      expect(v).toEqual({ svc: { environment: { A: "b" } } });
      v.svc.environment.A = "changed";
      v.svc.added = i;
    }
  });

  it("keeps what a copy could lose: own __proto__ keys, -0, values an alias shares", () => {
    const cache: RenderedYamlCache = {};
    const text = "__proto__: {x: 1}\nz: -0.0\na: &s {k: v}\nb: *s\n";
    parseRenderedYaml(text, cache);
    const v = parseRenderedYaml(text, cache) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__", "z", "a", "b"]);
    expect(Object.is(v.z, -0)).toBe(true);
    expect(v.a).toBe(v.b);
  });

  it("throws what yaml.parse throws, also for repeated text", () => {
    const cache: RenderedYamlCache = {};
    const bad = "a: [1\n";
    let expected = "";
    try {
      parse(bad, OPTIONS);
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).not.toBe("");
    for (let i = 0; i < 3; i++) expect(() => parseRenderedYaml(bad, cache)).toThrow(expected);
  });
  it("shares a repeated fragment as one frozen value, equal to yaml.parse, and leaves the first one alone", () => {
    const cache: RenderedYamlCache = {};
    const text = "svc:\n  volumes:\n  - type: volume\n    source: data\n  alias: &a {k: v}\n  again: *a\n";
    const first = parseRenderedYaml(text, cache, "share") as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(first)).toBe(false);
    first.svc!.changed = true; // the first holder's value is its own
    const second = parseRenderedYaml(text, cache, "share") as Record<string, Record<string, unknown>>;
    const third = parseRenderedYaml(text, cache, "share");
    expect(third).toBe(second);
    expect(second).toEqual(parse(text, OPTIONS));
    expect(second.svc!.alias).toBe(second.svc!.again);
    // Deeply frozen: a target that tried to change it would fail loudly, not change another resource's value.
    expect(Object.isFrozen(second.svc!.volumes)).toBe(true);
    expect(Object.isFrozen((second.svc!.volumes as object[])[0])).toBe(true);
    expect(() => {
      "use strict";
      (second.svc as Record<string, unknown>).x = 1;
    }).toThrow(TypeError);
  });

  it("shares only while the text repeats: a new text is parsed afresh", () => {
    const cache: RenderedYamlCache = {};
    parseRenderedYaml("a: 1\n", cache, "share");
    const shared = parseRenderedYaml("a: 1\n", cache, "share");
    const other = parseRenderedYaml("a: 2\n", cache, "share");
    expect(other).toEqual({ a: 2 });
    expect(Object.isFrozen(other)).toBe(false);
    const again = parseRenderedYaml("a: 1\n", cache, "share");
    expect(again).toEqual(shared);
    expect(again).not.toBe(shared);
  });
});
