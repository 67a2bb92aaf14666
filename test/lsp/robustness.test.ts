// A handler or an analysis that throws must not end the session: requests answer an empty result,
// analyses publish one internal-error finding, and the next request is served normally.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Hover } from "vscode-languageserver-protocol";

vi.mock("../../src/lsp/hover.js", () => ({
  hover: () => {
    throw new Error("hover exploded");
  },
}));
vi.mock("../../src/lsp/analyze.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/lsp/analyze.js")>();
  return {
    ...real,
    analyze: (path: string, text: string, ...rest: Parameters<typeof real.analyze> extends [unknown, unknown, ...infer R] ? R : never) =>
      text.includes("BOOM") ? Promise.reject(new Error("stage exploded")) : real.analyze(path, text, ...rest),
  };
});

const { inProcess } = await import("./lsp-client.js");
const { FIXED, makeWorkspace } = await import("./workspace.js");

const ws = makeWorkspace();
const p = inProcess();

beforeAll(() => p.client.initialize(ws.uri, { debounceMs: 5 }));
afterAll(async () => {
  await p.server.idle();
  await p.client.request("shutdown", null);
  p.dispose();
  rmSync(ws.dir, { recursive: true, force: true });
});

it("answers null for a throwing hover and keeps serving", async () => {
  const uri = ws.fileUri("score.yaml");
  p.client.open(uri, FIXED);
  await p.client.diagnostics(uri, 1);
  expect(await p.client.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 1 } })).toBeNull();
  expect(p.client.logs.join("\n")).toContain("hover exploded");
  expect(await p.client.request("textDocument/completion", { textDocument: { uri }, position: { line: 3, character: 0 } })).not.toEqual([]);
});

it("publishes an internal-error finding when the analysis throws, then recovers", async () => {
  const uri = ws.fileUri("boom.score.yaml");
  p.client.open(uri, FIXED + "# BOOM\n");
  const [d] = await p.client.diagnostics(uri, 1);
  expect(d).toMatchObject({ code: "scorec/internal-error", message: expect.stringContaining("stage exploded") });
  const v = p.client.change(uri, FIXED);
  expect(await p.client.diagnostics(uri, v)).toEqual([]);
});
