// --override-property and --overrides-file take keys from the user: `__proto__`, `constructor` and
// `prototype` must never reach Object.prototype (every object would then carry the key). They are refused
// with a positioned usage error, and the merges define own properties whatever the key.
import fc from "fast-check";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverrides, mergePatch, parseOverrideProperty, type Override } from "../../src/check/overrides.js";
import { deepMerge } from "../../src/data/deep-merge.js";
import { runFenced, scratch, WORKLOAD } from "./harness.js";

const tmp = scratch("proto");
const score = tmp.write("score.yaml", WORKLOAD);
const FORBIDDEN = ["__proto__", "constructor", "prototype"];

function untouched(): void {
  expect(Object.prototype).not.toHaveProperty("readinessProbe");
  expect(Object.prototype).not.toHaveProperty("image");
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe("--override-property", () => {
  it.each([
    ["__proto__.readinessProbe=x", 1, "__proto__"],
    ["containers.main.__proto__.image=evil", 17, "__proto__"],
    ["constructor.prototype.polluted=1", 1, "constructor"],
    ["containers.prototype=1", 12, "prototype"],
  ])("%s is a usage error naming the segment, nothing written", (spec, column, seg) => {
    const out = join(tmp.dir, "out-prop");
    const r = runFenced(["generate", score, "-o", out, "--override-property", spec]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`character ${column}: segment "${seg}" is not allowed`);
    expect(existsSync(out)).toBe(false);
  });

  it("any path with a forbidden segment is refused, others parse (property)", () => {
    const seg = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 4 }), fc.constantFrom(...FORBIDDEN), fc.array(seg, { maxLength: 4 }), (pre, bad, post) => {
        const r = parseOverrideProperty([...pre, bad, ...post].join(".") + "=1");
        expect(typeof r).toBe("string");
        expect(r).toContain(`segment "${bad}" is not allowed`);
        expect(typeof parseOverrideProperty([...pre, ...post, "x"].join(".") + "=1")).toBe("object");
      }),
    );
  });

  it("applyOverrides never writes through the prototype, even given a raw forbidden path", () => {
    const doc = { metadata: { name: "web" }, containers: { main: { image: "nginx" } } };
    for (const path of [["__proto__", "polluted"], ["containers", "main", "__proto__", "image"], ["constructor", "prototype", "polluted"]]) {
      expect(() => applyOverrides(doc, [{ kind: "property", path, value: "evil" }])).toThrow(/is not allowed/);
      untouched();
    }
  });
});

describe("--overrides-file", () => {
  it.each([
    ["json", '{"containers": {"main": {"__proto__": {"image": "evil"}}}}', "1:26", "__proto__"],
    ["yaml", "containers:\n  main:\n    constructor:\n      prototype:\n        polluted: 1\n", "3:5", "constructor"],
    ["top", "metadata: {name: web}\n__proto__:\n  readinessProbe: {}\n", "2:1", "__proto__"],
  ])("a %s patch with a forbidden key is a positioned usage error, nothing written", (name, text, place, key) => {
    const file = tmp.write(`ov-${name}.yaml`, text);
    const out = join(tmp.dir, `out-${name}`);
    const r = runFenced(["generate", score, "-o", out, "--overrides-file", file]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:${place}: key "${key}" is not allowed`);
    expect(existsSync(out)).toBe(false);
  });

  it("mergePatch refuses forbidden keys instead of swapping prototypes", () => {
    const patch = JSON.parse('{"containers": {"main": {"__proto__": {"polluted": 1}}}}') as unknown;
    expect(() => mergePatch({ containers: { main: {} } }, patch)).toThrow(/"__proto__" is not allowed/);
    const o: Override = { kind: "patch", patch };
    expect(() => applyOverrides({}, [o])).toThrow();
    untouched();
  });
});

describe("deepMerge (shared state, policy data, bundles)", () => {
  it("keeps a __proto__ key as data: an own property, the prototype unchanged", () => {
    const into: Record<string, unknown> = {};
    deepMerge(into, JSON.parse('{"__proto__": {"polluted": 1}, "a": {"__proto__": {"polluted": 2}}}'));
    expect(Object.getPrototypeOf(into)).toBe(Object.prototype);
    expect(Object.keys(into)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(into, "__proto__")?.value).toEqual({ polluted: 1 });
    expect((into as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(into.a)).toBe(Object.prototype);
    untouched();
  });

  it("does not merge into values inherited from Object.prototype", () => {
    const into: Record<string, unknown> = {};
    deepMerge(into, { constructor: { polluted: 1 } });
    expect(Object.getOwnPropertyDescriptor(into, "constructor")?.value).toEqual({ polluted: 1 });
    expect((Object as unknown as { polluted?: unknown }).polluted).toBeUndefined();
    untouched();
  });
});
