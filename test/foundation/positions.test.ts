// Exact line:column positions of findings, asserted by hand (independent of the golden files).
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

function only(text: string) {
  return check([{ path: "mem.score.yaml", contents: text }]).diagnostics;
}

describe("positions", () => {
  it("underlines an unknown key and suggests the known one", () => {
    const ds = only("apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n    comand: [a]\n");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('unknown property "comand" in containers.web — did you mean "command"?');
    expect(ds[0]!.range.start).toMatchObject({ line: 7, column: 5 });
    expect(ds[0]!.range.end).toMatchObject({ line: 7, column: 11 });
    expect(ds[0]!.pointer).toBe("/containers/web/comand");
    expect(ds[0]!.ruleId).toBe("schema/additional-property");
  });

  it("points a type error at the value", () => {
    const ds = only("apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n    args: [1, \"b\"]\n");
    expect(ds.map((d) => [d.ruleId, d.range.start.line, d.range.start.column, d.range.end.column])).toEqual([["schema/type", 7, 12, 13]]);
  });

  it("points at the right document of a multi-document file", () => {
    const ds = only("apiVersion: score.dev/v1b1\nmetadata: {name: aa}\ncontainers: {mm: {image: x}}\n---\napiVersion: score.dev/v1b1\nmetadata: {name: bb}\ncontainers: {mm: {image: x, bad: 1}}\n").filter((d) => d.severity === "error");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.range.start).toMatchObject({ line: 7, column: 29 });
  });

  it("orders findings by file, line, column and rule", () => {
    const r = check([
      { path: "b.score.yaml", contents: "apiVersion: x\n" },
      { path: "a.score.yaml", contents: "metadata: 1\n" },
    ]);
    const keys = r.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.column, d.ruleId] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
    expect(keys).toEqual(sorted);
    expect(r.diagnostics[0]!.file).toBe("a.score.yaml");
  });

  it("counts columns in UTF-16 code units after non-ASCII text, like editors", () => {
    const ds = only('apiVersion: score.dev/v1b1\nmetadata: {name: web, x: "é"}\ncontainers:\n  web: {image: nginx, ñ: 1}\n');
    const bad = ds.find((d) => d.ruleId === "schema/additional-property")!;
    expect(bad.range.start).toMatchObject({ line: 4, column: 23 });
  });
});

describe("invalid UTF-8 that a naive decoder accepts", () => {
  it("an encoded UTF-16 surrogate (ED A0 80) is positioned at its first byte, not a crash", () => {
    const { diagnostics } = check([{ path: "s.yaml", contents: new Uint8Array([0xed, 0xa0, 0x80]) }], { root: "/" });
    expect(diagnostics.map((d) => [d.ruleId, d.message])).toEqual([["yaml/invalid-utf8", "file is not valid UTF-8 (invalid byte 0xed at byte 0)"]]);
  });
});
