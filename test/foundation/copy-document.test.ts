// The spec later stages normalise is a copy of the parsed document: the same value structuredClone makes.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { copyDocument } from "../../src/pipeline/validate-stage.js";
import { check } from "../../src/index.js";

describe("copyDocument", () => {
  it("copies mappings and sequences deeply and equals structuredClone", () => {
    const doc = parse("a: [1, {b: x}, null, true, 2.5]\nc: {d: {e: ''}}\n") as Record<string, unknown>;
    const copy = copyDocument(doc) as Record<string, unknown>;
    expect(copy).toStrictEqual(structuredClone(doc));
    (copy.c as Record<string, Record<string, unknown>>).d!.e = "changed";
    (copy.a as unknown[]).push(3);
    expect(doc).toStrictEqual({ a: [1, { b: "x" }, null, true, 2.5], c: { d: { e: "" } } });
  });

  it("keeps an aliased node one object, as structuredClone does", () => {
    const doc = parse("x: &n {k: [1]}\ny: *n\n") as Record<string, unknown>;
    expect(doc.x).toBe(doc.y);
    const copy = copyDocument(doc) as Record<string, unknown>;
    expect(copy.x).toBe(copy.y);
    expect(copy.x).not.toBe(doc.x);
  });

  it("copies a cycle without recursing forever", () => {
    const doc: Record<string, unknown> = { name: "a" };
    doc.self = doc;
    const copy = copyDocument(doc) as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(copy).not.toBe(doc);
  });

  it("keeps a __proto__ key as data, not as the copy's prototype", () => {
    const doc = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = copyDocument(doc) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(copy).toStrictEqual(structuredClone(doc));
  });

  it("leaves what is not a plain mapping or sequence to structuredClone", () => {
    const date = new Date(0);
    const copy = copyDocument({ when: date, bytes: new Uint8Array([1, 2]) }) as { when: Date; bytes: Uint8Array };
    expect(copy.when).not.toBe(date);
    expect(copy.when.getTime()).toBe(0);
    expect([...copy.bytes]).toEqual([1, 2]);
  });

  it("a normalised spec leaves the raw document as written", () => {
    const text = "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: nginx\n    files:\n      - target: /a\n        content: x\n";
    const r = check([{ path: "w.score.yaml", contents: text }]);
    const w = r.tree.workloads[0]!;
    expect(Array.isArray((w.raw.containers as Record<string, Record<string, unknown>>).main!.files)).toBe(true);
    expect(w.spec!.containers.main!.files).toEqual({ "/a": { content: "x" } });
  });
});
