import { describe, expect, it } from "vitest";
import { cursorContext, lineInfo } from "../../src/lsp/yaml-cursor.js";
import { openPlaceholderBefore, placeholderAt } from "../../src/lsp/placeholder-at.js";

const DOC = [
  "apiVersion: score.dev/v1b1", // 0
  "metadata:", // 1
  "  name: web", // 2
  "containers:", // 3
  "  main:", // 4
  "    image: nginx", // 5
  "    ", // 6
  "    volumes:", // 7
  "      - source: ${resources.data}", // 8
  "        target: /data", // 9
  "      - source: x", // 10
  "        targ", // 11
  "resources:", // 12
].join("\n");

describe("lineInfo", () => {
  it("reads dashes, key and colon", () => {
    expect(lineInfo("      - source: x")).toMatchObject({ dashes: [6], key: { text: "source", start: 8, end: 14 }, colon: 15 });
    expect(lineInfo("  'quoted key': 1").key?.text).toBe("quoted key");
    expect(lineInfo("    image: nginx:1.2").key?.text).toBe("image");
    expect(lineInfo("  # comment").content).toBe(-1);
  });
});

describe("cursorContext", () => {
  it("finds the parent path and siblings on a blank line", () => {
    const c = cursorContext(DOC, 6, 4);
    expect(c).toMatchObject({ parent: ["containers", "main"], where: "blank" });
    expect(c.siblings.sort()).toEqual(["image", "volumes"]);
  });
  it("finds a key and a value", () => {
    expect(cursorContext(DOC, 5, 6)).toMatchObject({ parent: ["containers", "main"], where: "key", key: "image" });
    expect(cursorContext(DOC, 5, 13)).toMatchObject({ parent: ["containers", "main"], where: "value", key: "image", prefix: "ng" });
  });
  it("counts sequence items", () => {
    expect(cursorContext(DOC, 9, 9)).toMatchObject({ parent: ["containers", "main", "volumes", "0"], key: "target" });
    const c = cursorContext(DOC, 11, 12);
    expect(c).toMatchObject({ parent: ["containers", "main", "volumes", "1"], where: "key", key: "targ", prefix: "targ" });
    expect(c.siblings).toEqual(["source"]);
  });
  it("handles top-level keys", () => {
    const c = cursorContext(DOC, 13, 0);
    expect(c.parent).toEqual([]);
    expect(c.siblings.sort()).toEqual(["apiVersion", "containers", "metadata", "resources"]);
  });
});

describe("placeholders on a line", () => {
  it("finds the placeholder and segment under the cursor", () => {
    const line = "      DB: ${resources.db.host}-x";
    expect(placeholderAt(line, 24)).toMatchObject({ path: ["resources", "db", "host"], segment: 1 });
    expect(placeholderAt(line, 5)).toBeUndefined();
  });
  it("finds an unfinished placeholder, but not an escaped one", () => {
    expect(openPlaceholderBefore("  X: ${resources.d", 18)?.segments).toEqual(["resources", "d"]);
    expect(openPlaceholderBefore("  X: $${resources.d", 19)).toBeUndefined();
    expect(openPlaceholderBefore("  X: ${a} b", 11)).toBeUndefined();
  });
});
