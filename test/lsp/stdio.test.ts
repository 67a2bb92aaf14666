// The real thing: `scorec lsp` as a child process over stdio (what editors run). It runs the built CLI
// (dist/, built by `npm test` before vitest starts); building here would race with the other CLI tests.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { overStdio, type TestClient } from "./lsp-client.js";
import type { CodeAction, CompletionItem, Hover, Location } from "vscode-languageserver-protocol";
import { FIXED, INVALID, makeWorkspace, WITH_RESOURCES, type Workspace } from "./workspace.js";

const root = join(import.meta.dirname, "..", "..");
const launcher = join(root, "bin", "scorec.js");

let ws: Workspace;
let child: ChildProcess;
let client: TestClient;
const stderr: string[] = [];

beforeAll(() => {
  if (!existsSync(join(root, "dist", "src", "lsp", "server.js"))) throw new Error("dist/ is missing: run npm run build (npm test does)");
  ws = makeWorkspace();
  child = spawn(process.execPath, [launcher, "lsp"], { cwd: ws.dir, stdio: ["pipe", "pipe", "pipe"] });
  child.stderr!.on("data", (b: Buffer) => stderr.push(b.toString()));
  client = overStdio(child.stdout!, child.stdin!);
}, 120_000);

afterAll(() => {
  if (child.exitCode === null) child.kill();
  rmSync(ws.dir, { recursive: true, force: true });
});

it("serves diagnostics over stdio and exits cleanly on shutdown + exit", async () => {
  await client.initialize(ws.uri, { debounceMs: 20 });
  const uri = ws.fileUri("score.yaml");
  client.open(uri, INVALID);
  const diags = await client.diagnostics(uri, 1);
  expect(diags.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual(
    expect.arrayContaining([
      ["schema/required", 4, 2],
      ["schema/additional-property", 5, 4],
    ]),
  );
  const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags } });
  expect(actions.map((a) => a.title)).toContain('Rename to "image"');
  const v = client.change(uri, FIXED);
  expect(await client.diagnostics(uri, v)).toEqual([]);

  const r = client.change(uri, WITH_RESOURCES);
  await client.diagnostics(uri, r);
  const hover = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 7, character: 24 } });
  expect((hover.contents as { value: string }).value).toContain("type: `postgres`");
  const items = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: { line: 11, character: 10 } });
  expect(items.map((i) => i.label)).toContain("my-cache");
  const defs = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: { line: 8, character: 24 } });
  expect(defs).toEqual([{ uri, range: { start: { line: 12, character: 2 }, end: { line: 12, character: 7 } } }]);

  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await client.request("shutdown", null);
  await client.rpc.sendNotification("exit");
  expect(await exited).toBe(0);
  expect(stderr.join("")).not.toMatch(/TypeError|ReferenceError/);
}, 60_000);
