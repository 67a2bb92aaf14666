// Issue 13: the language server reports what `check` reports (unknown type, misspelt output), with the
// config found two folders up, and offers an outline and folding ranges.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { inProcess } from "../lsp/lsp-client.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-lsp-gate-"));
const session = inProcess();
afterAll(() => {
  session.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const TEXT = [
  "apiVersion: score.dev/v1b1",
  "metadata:",
  "  name: web",
  "containers:",
  "  main:",
  "    image: nginx",
  "    variables:",
  '      DB: "postgres://${resources.db.pasword}@${resources.db.host}"',
  "resources:",
  "  db:",
  "    type: postgres",
  "  queue:",
  "    type: kafak",
  "service:",
  "  ports:",
  "    www: {port: 80}",
  "",
].join("\n");

describe("language server = check", () => {
  mkdirSync(join(tmp, ".git"), { recursive: true });
  mkdirSync(join(tmp, ".scorec"), { recursive: true });
  mkdirSync(join(tmp, "apps", "web"), { recursive: true });
  writeFileSync(join(tmp, ".scorec", "config.yaml"), "rules:\n  provision/missing-output: warning\n");
  writeFileSync(join(tmp, "apps", "web", "score.yaml"), TEXT);
  const uri = pathToFileURL(join(tmp, "apps", "web", "score.yaml")).href;

  it("reports the unknown type and the misspelt output at line:column, with the config two folders up applied", async () => {
    await session.client.initialize(pathToFileURL(tmp).href);
    session.client.open(uri, TEXT);
    const ds = await session.client.diagnostics(uri, 1);
    const output = ds.find((d) => d.code === "provision/missing-output")!;
    expect(output.range.start).toEqual({ line: 7, character: 22 });
    expect(output.severity).toBe(2); // warning: the config's rule setting
    const type = ds.find((d) => d.code === "provision/no-provisioner")!;
    expect(type.range.start).toEqual({ line: 12, character: 10 });
    expect(type.message).toContain('did you mean "kafka-topic"?');
    const actions = await session.client.request<{ title: string }[]>("textDocument/codeAction", { textDocument: { uri }, range: type.range, context: { diagnostics: [type, output] } });
    expect(actions.map((a) => a.title)).toEqual(['Change type to "kafka-topic"', "Change to ${resources.db.password}"]);
  });

  it("a broken config is shown on the open file", async () => {
    writeFileSync(join(tmp, ".scorec", "config.yaml"), "rulez: {}\n");
    const v = session.client.change(uri, TEXT + "# edit\n");
    const ds = await session.client.diagnostics(uri, v);
    expect(ds.find((d) => d.source === "scorec" && String(d.message).includes('unknown property "rulez"'))?.range.start).toEqual({ line: 0, character: 0 });
  });

  it("outline of containers, resources and ports; folding ranges", async () => {
    const symbols = await session.client.request<{ name: string; children?: { name: string; detail?: string }[] }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    const byName = Object.fromEntries(symbols.map((s) => [s.name, s]));
    expect(byName.containers!.children!.map((c) => c.name)).toEqual(["main"]);
    expect(byName.resources!.children!.map((c) => `${c.name}:${c.detail}`)).toEqual(["db:postgres", "queue:kafak"]);
    expect(byName.service!.children!.map((c) => `${c.name}:${c.detail}`)).toEqual(["www:80"]);
    const folds = await session.client.request<{ startLine: number; endLine: number }[]>("textDocument/foldingRange", { textDocument: { uri } });
    expect(folds).toContainEqual({ startLine: 3, endLine: 7 }); // containers
    expect(folds).toContainEqual({ startLine: 8, endLine: 12 }); // resources
  });
});

describe("settings errors are shown on the open file", () => {
  it("a missing provisioners or policies path from the client's settings: at 1:1 of the open file, not on the path's URI", async () => {
    const dir = join(tmp, "settings");
    mkdirSync(join(dir, ".git"), { recursive: true });
    const text = "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main: {image: nginx}\n";
    writeFileSync(join(dir, "score.yaml"), text);
    const s = inProcess();
    try {
      await s.client.initialize(pathToFileURL(dir).href, { debounceMs: 10, provisioners: ["nope"], policies: ["nopol"] });
      const uri = pathToFileURL(join(dir, "score.yaml")).href;
      s.client.open(uri, text);
      const ds = await s.client.diagnostics(uri, 1);
      expect(ds.map((d) => [d.code, d.range.start, d.message])).toEqual([
        ["io/read", { line: 0, character: 0 }, "cannot read provisioners from nope: no such file or folder"],
        ["io/read", { line: 0, character: 0 }, "cannot read policies from nopol: no such file or folder"],
      ]);
      expect(s.client.published.filter((p) => p.uri !== uri)).toEqual([]);
    } finally {
      s.dispose();
    }
  });
});
