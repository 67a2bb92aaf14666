// --patch-templates: score-compose's patching semantics (dotted paths as sjson reads them, set/delete in
// order, templates chained) and the failures: positioned on the patch file, nothing written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deleteAtPath, parseDottedPath, setAtPath } from "../../src/data/dotted-path.js";
import { decodePatches } from "../../src/emit/patch-templates.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-patch-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("dotted paths (sjson rules)", () => {
  it("splits on dots, with \\ escaping and : forcing an object key", () => {
    expect(parseDottedPath("services.some\\.thing.ports")).toEqual([
      { key: "services", forced: false },
      { key: "some.thing", forced: false },
      { key: "ports", forced: false },
    ]);
    expect(parseDottedPath("something.:0000.xyz")[1]).toEqual({ key: "0000", forced: true });
    expect(() => parseDottedPath("services.*.image")).toThrow(/wildcard/);
    expect(() => parseDottedPath("")).toThrow(/empty/);
    expect(() => parseDottedPath("a.__proto__.b")).toThrow(/not allowed/);
  });

  it("sets, appends with -1, pads arrays with nulls and creates what is missing", () => {
    const doc: Record<string, unknown> = { services: { a: { ports: [{ target: 80 }] } } };
    setAtPath(doc, "services.a.ports.-1", { target: 81 });
    setAtPath(doc, "services.a.ports.0.published", "8080");
    setAtPath(doc, "services.a.list.2", "x");
    setAtPath(doc, "services.a.map.:0000.xyz", 1);
    setAtPath(doc, "services.b\\.c.image", "busybox");
    expect(doc).toEqual({
      services: {
        a: { ports: [{ target: 80, published: "8080" }, { target: 81 }], list: [null, null, "x"], map: { "0000": { xyz: 1 } } },
        "b.c": { image: "busybox" },
      },
    });
    expect(() => setAtPath(doc, "services.a.ports.first", 1)).toThrow(/is an array/);
    expect(() => setAtPath({ a: "text" }, "a.b", 1)).toThrow(/not an object or array/);
  });

  it("deletes keys and array items; a path to nothing changes nothing", () => {
    const doc: Record<string, unknown> = { s: { a: 1, b: [1, 2, 3] } };
    deleteAtPath(doc, "s.b.-1");
    deleteAtPath(doc, "s.b.0");
    deleteAtPath(doc, "s.a");
    deleteAtPath(doc, "s.missing.deeper");
    deleteAtPath(doc, "s.b.7");
    expect(doc).toEqual({ s: { b: [2] } });
  });
});

describe("decoding a template's output", () => {
  it("reads the first YAML document as a list of operations", () => {
    expect(decodePatches("- op: set\n  path: a.b\n  value: 1\n---\n- op: delete\n  path: x\n")).toEqual([{ op: "set", path: "a.b", value: 1 }]);
    expect(decodePatches("  \n\n---\n")).toEqual([]);
    expect(decodePatches("")).toEqual([]);
  });

  it("refuses unknown fields (score-compose decodes with KnownFields) and non-lists", () => {
    expect(decodePatches("- op: set\n  patch: a.b\n")).toMatch(/patch 1: unknown field "patch"/);
    expect(decodePatches("op: set\npath: a\n")).toMatch(/YAML list/);
    expect(decodePatches("- op: [set]\n  path: a\n")).toMatch(/"op" must be set or delete/);
  });
});

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n  extensions:\n    privileged: true\ncontainers:\n  main:\n    image: nginx\n";

describe("scorec generate --patch-templates", () => {
  it("applies templates in order, each seeing .Compose as the previous one left it, and .Workloads", () => {
    const dir = project("ok", {
      "score.yaml": SCORE,
      "1.tpl": '{{ range $name, $spec := .Workloads }}{{ if dig "metadata" "extensions" "privileged" false $spec }}{{ range $c, $_ := $spec.containers }}\n- op: set\n  path: services.{{ $name }}-{{ $c }}.privileged\n  value: true\n{{ end }}{{ end }}{{ end }}\n',
      "2.tpl": "{{ range $name, $cfg := .Compose.services }}\n- op: set\n  path: services.{{ $name }}-copy\n  value: {{ toRawJson $cfg }}\n- op: delete\n  path: services.{{ $name }}\n{{ end }}\n",
    });
    const r = runCli(["generate", "score.yaml", "-o", "out", "--patch-templates", "1.tpl", "--patch-templates", "2.tpl"], { cwd: dir });
    expect(r.stderr).toContain("wrote");
    expect(r.code).toBe(0);
    const compose = parse(readFileSync(join(dir, "out", "compose.yaml"), "utf8"));
    expect(Object.keys(compose.services)).toEqual(["web-main-copy"]);
    expect(compose.services["web-main-copy"]).toMatchObject({ image: "nginx", privileged: true });
  });

  it("a bad operation is an error on the patch file and nothing is written", () => {
    const dir = project("bad-op", { "score.yaml": SCORE, "p.tpl": "- op: replace\n  path: services.web-main.image\n  value: x\n" });
    const r = runCli(["generate", "score.yaml", "-o", "out", "--patch-templates", "p.tpl"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/p\.tpl/);
    expect(r.stderr).toMatch(/patch 1 \(replace services\.web-main\.image\) cannot be applied: unknown operation "replace" \(set or delete\)/);
    expect(r.stderr).toContain("patch/operation");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("template syntax and execution errors are positioned in the patch file", () => {
    const dir = project("bad-syntax", { "score.yaml": SCORE, "p.tpl": "- op: set\n  path: x\n  value: {{ .Compose.name \n" });
    const r = runCli(["generate", "score.yaml", "-o", "out", "--patch-templates", "p.tpl", "-f", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stderr).files.find((f: { path: string }) => f.path === "p.tpl").diagnostics[0];
    expect(d).toMatchObject({ ruleId: "patch/template", severity: "error", range: { start: { line: 3 } } });
    const dir2 = project("bad-exec", { "score.yaml": SCORE, "p.tpl": "\n{{ fail \"no patches today\" }}\n" });
    const r2 = runCli(["generate", "score.yaml", "-o", "out", "--patch-templates", "p.tpl", "-f", "json"], { cwd: dir2 });
    expect(r2.code).toBe(1);
    const d2 = JSON.parse(r2.stderr).files.find((f: { path: string }) => f.path === "p.tpl").diagnostics[0];
    expect(d2).toMatchObject({ ruleId: "patch/template", message: "patch template failed: no patches today", range: { start: { line: 2, column: 4 } } });
    expect(existsSync(join(dir2, "out"))).toBe(false);
  });

  it("a missing patch file is an I/O error (exit 2); targets without patching refuse the flag", () => {
    const dir = project("missing", { "score.yaml": SCORE });
    const r = runCli(["generate", "score.yaml", "-o", "out", "--patch-templates", "nope.tpl"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read patch template nope\.tpl/);
    const h = runCli(["generate", "score.yaml", "-t", "terraform", "-o", "out", "--patch-templates", "nope.tpl"], { cwd: dir });
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/--patch-templates is not supported by the terraform target/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
