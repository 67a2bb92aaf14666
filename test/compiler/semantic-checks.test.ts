// `before` ordering, unique workload names, file sources, deprecated list forms.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const errors = (text: string, extra: { path: string; contents: string }[] = [], root?: string) =>
  check([{ path: "a.score.yaml", contents: text }, ...extra], { root }).diagnostics.filter((d) => d.severity === "error");

describe("before", () => {
  const w = (before: string) => `apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  aa: {image: x, before: ${before}}\n  bb: {image: y, before: {aa: {ready: started}}}\n`;
  it("names an existing container", () => {
    const ds = errors(w("{cc: {ready: started}}"));
    expect(ds[0]!.message).toBe('"before" names unknown container "cc"; containers of web are "aa" or "bb"');
  });
  it("not itself", () => {
    expect(errors(w("{aa: {ready: started}}"))[0]!.ruleId).toBe("score/before-self");
  });
  it("forms no cycle", () => {
    const ds = errors(w("{bb: {ready: healthy}}"));
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toBe('"before" forms a cycle: aa → bb → aa');
    expect(ds[0]!.range.start).toMatchObject({ line: 4, column: 27 });
  });
});

describe("workload names", () => {
  it("are unique across inputs", () => {
    const doc = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers: {main: {image: x}}\n";
    const ds = check([{ path: "b.score.yaml", contents: doc }, { path: "a.score.yaml", contents: doc }]).diagnostics.filter((d) => d.severity === "error");
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: "b.score.yaml", ruleId: "score/duplicate-workload" });
    expect(ds[0]!.message).toBe('workload name "web" is already used by a.score.yaml:3; names must be unique across all inputs');
  });
});

describe("file sources", () => {
  const root = mkdtempSync(join(tmpdir(), "scorec-src-"));
  mkdirSync(join(root, "app"));
  writeFileSync(join(root, "app", "ok.txt"), "hello");
  writeFileSync(join(tmpdir(), "scorec-outside.txt"), "secret");
  symlinkSync(join(tmpdir(), "scorec-outside.txt"), join(root, "app", "link.txt"));
  const doc = (src: string) => `apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: x\n    files:\n      /etc/x: {source: ${src}}\n`;
  const run = (src: string) => check([{ path: join(root, "app", "score.yaml"), contents: doc(src) }], { root }).diagnostics.filter((d) => d.severity === "error");
  it("reads inside the root", () => expect(run("ok.txt")).toEqual([]));
  it("refuses a path outside the root", () => expect(run("../../etc/passwd")[0]!.ruleId).toBe("score/file-source-escape"));
  it("refuses a symlink out of the root", () => {
    const ds = run("link.txt");
    expect(ds[0]!.ruleId).toBe("score/file-source-escape");
    expect(ds[0]!.message).toMatch(/is a symlink to a file outside the project root/);
  });
  it("reports a missing file", () => expect(run("nope.txt")[0]!.ruleId).toBe("score/file-source-missing"));
});

describe("deprecated list forms", () => {
  it("are upgraded with an info message, and findings still point into the list", () => {
    const r = check([{ path: "a.score.yaml", contents: "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: x\n    files:\n      - target: /a\n        content: ${nope.x}\n" }]);
    expect(r.diagnostics.map((d) => [d.severity, d.ruleId, d.range.start.line, d.range.start.column])).toEqual([
      ["info", "score/deprecated-list-form", 6, 5],
      ["error", "score/unknown-placeholder", 8, 18],
    ]);
  });
});
