// End to end, in process: a real JSON-RPC client drives the server over in-memory streams (the
// child-process variant is in stdio.test.ts). Covers diagnostics, hover, completion, definition, code
// actions and robustness.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, CompletionItem, Diagnostic, Hover, Location } from "vscode-languageserver-protocol";
import { inProcess, type TestClient } from "./lsp-client.js";
import { FIXED, INVALID, makeWorkspace, WITH_RESOURCES, type Workspace } from "./workspace.js";

let ws: Workspace;
let client: TestClient;
let dispose: () => void;
let idle: () => Promise<void>;

beforeAll(async () => {
  ws = makeWorkspace();
  const p = inProcess();
  client = p.client;
  dispose = p.dispose;
  idle = p.server.idle;
  await client.initialize(ws.uri, { debounceMs: 10 });
});

afterAll(async () => {
  await new Promise((r) => setTimeout(r, 100)); // let late configuration round trips schedule their work
  await idle();
  await client.request("shutdown", null);
  dispose();
  rmSync(ws.dir, { recursive: true, force: true });
});

const pos = (line: number, character: number) => ({ line, character });

describe("diagnostics", () => {
  it("publishes findings with exact 0-based ranges, then clears them when the file is fixed", async () => {
    const uri = ws.fileUri("web.score.yaml");
    client.open(uri, INVALID);
    const diags = await client.diagnostics(uri, 1);
    const byCode = Object.fromEntries(diags.map((d) => [d.code, d]));
    expect(byCode["schema/required"]?.range).toEqual({ start: pos(4, 2), end: pos(4, 6) });
    expect(byCode["schema/additional-property"]?.range).toEqual({ start: pos(5, 4), end: pos(5, 9) });
    expect(byCode["schema/additional-property"]?.source).toBe("scorec");
    expect(byCode["schema/additional-property"]?.severity).toBe(1);
    const v = client.change(uri, FIXED);
    expect(await client.diagnostics(uri, v)).toEqual([]);
  });

  it("never lets an older result overwrite a newer one", async () => {
    const uri = ws.fileUri("fast.score.yaml");
    client.open(uri, FIXED);
    await client.diagnostics(uri, 1);
    // Two edits inside the debounce window: only the last version is analysed and published.
    client.change(uri, INVALID);
    const last = client.change(uri, FIXED);
    expect(await client.diagnostics(uri, last)).toEqual([]);
    expect(client.published.filter((p) => p.uri === uri && p.version === last - 1)).toEqual([]);
  });

  it("survives a half-typed file", async () => {
    const uri = ws.fileUri("half.score.yaml");
    client.open(uri, "apiVersion: score.dev/v1b1\nmetadata:\n  name: [web\ncontainers:\n  ma");
    const diags = await client.diagnostics(uri, 1);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags.every((d) => d.source === "scorec")).toBe(true);
  });

  it("reports an invalid provisioner file on that file, and keeps serving", async () => {
    const bad = ws.write(".scorec/bad.provisioners.yaml", "- uri: template://x\n  typo: 1\n");
    await client.rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: bad, type: 1 }] });
    const diags = await client.diagnostics(bad);
    expect(diags.length).toBeGreaterThan(0);
    rmSync(fileURLToPath(bad));
    await client.rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: bad, type: 3 }] });
    await expect.poll(() => client.published.filter((p) => p.uri === bad).at(-1)?.diagnostics.length).toBe(0);
  });
});

describe("requests", () => {
  let uri: string;
  beforeAll(async () => {
    uri = ws.fileUri("res.score.yaml");
    client.open(uri, WITH_RESOURCES);
    await client.diagnostics(uri, 1);
  });

  it("hovers a key with its schema description", async () => {
    const h = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: pos(5, 6) });
    expect(JSON.stringify(h.contents)).toContain("container image");
  });

  it("hovers a placeholder with the resource, its provisioner and outputs", async () => {
    const h = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: pos(8, 22) });
    const text = (h.contents as { value: string }).value;
    expect(text).toContain("type: `my-cache`");
    expect(text).toContain("template://test/my-cache");
    expect(text).toContain("`url`");
  });

  it("hovers a resource type with its provisioner", async () => {
    const h = await client.request<Hover>("textDocument/hover", { textDocument: { uri }, position: pos(13, 12) });
    expect((h.contents as { value: string }).value).toContain("provisioner `template://test/my-cache` (.scorec/test.provisioners.yaml): A cache for tests.");
  });

  it("completes keys not yet present, resource types and placeholder parts", async () => {
    const edited = WITH_RESOURCES.replace("    variables:", "    \n    variables:");
    const v = client.change(uri, edited);
    const keys = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(6, 4) });
    const labels = keys.map((k) => k.label);
    expect(labels).toContain("command");
    expect(labels).not.toContain("image");
    expect(labels).not.toContain("variables");
    client.change(uri, WITH_RESOURCES);
    expect(v).toBeGreaterThan(1);

    const types = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(11, 10) });
    expect(types.map((t) => t.label)).toEqual(expect.arrayContaining(["my-cache", "postgres"]));

    const typed = WITH_RESOURCES.replace("${resources.db.host}", "${resources.db.");
    client.change(uri, typed);
    const outputs = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(7, 30) });
    expect(outputs.map((o) => o.label)).toEqual(expect.arrayContaining(["host", "port", "password"]));
    client.change(uri, WITH_RESOURCES.replace("${resources.db.host}", "${resources."));
    const names = await client.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(7, 27) });
    expect(names.map((o) => o.label).sort()).toEqual(["cache", "db"]);
    const last = client.change(uri, WITH_RESOURCES);
    await client.diagnostics(uri, last);
  });

  it("goes from a placeholder to the resource and from a type to its provisioner", async () => {
    const toResource = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: pos(7, 24) });
    expect(toResource).toEqual([{ uri, range: { start: pos(10, 2), end: pos(10, 4) } }]);
    const toProvisioner = await client.request<Location[]>("textDocument/definition", { textDocument: { uri }, position: pos(13, 12) });
    expect(toProvisioner[0]?.uri).toBe(ws.fileUri(".scorec/test.provisioners.yaml"));
    expect(toProvisioner[0]?.range.start).toEqual(pos(0, 7));
  });

  it("offers quick fixes: rename a misspelt key, quote a number, add a readinessProbe", async () => {
    const u = ws.fileUri("fix.score.yaml");
    const text = INVALID + "    variables:\n      PORT: 8080\nservice:\n  ports:\n    http:\n      port: 80\n      targetPort: 3000\n";
    client.open(u, text);
    const diags = await client.diagnostics(u, 1);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: u }, range: { start: pos(0, 0), end: pos(20, 0) }, context: { diagnostics: diags } });
    const edits = actions.map((a) => [a.title, a.edit?.changes?.[u]?.[0]?.newText]);
    expect(edits).toContainEqual(['Rename to "image"', "image"]);
    expect(edits).toContainEqual(["Quote 8080 as a string", '"8080"']);

    const probe: Diagnostic = { range: { start: pos(5, 4), end: pos(7, 16) }, message: 'workload "web" exposes a service but container "main" has no readinessProbe', code: "score/probes-for-service", source: "scorec", data: { pointer: "/containers/main" } };
    const [skeleton] = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: u }, range: probe.range, context: { diagnostics: [probe] } });
    const withFix: Diagnostic = { ...probe, code: "x/fixable", message: "m", data: { fix: { title: "Use nginx:1.27", range: { start: { line: 6, column: 12 }, end: { line: 6, column: 24 } }, text: "nginx:1.27" } } };
    const [fix] = await client.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri: u }, range: probe.range, context: { diagnostics: [withFix] } });
    expect(fix?.title).toBe("Use nginx:1.27");
    expect(fix?.edit?.changes?.[u]).toEqual([{ range: { start: pos(5, 11), end: pos(5, 23) }, newText: "nginx:1.27" }]);
    expect(skeleton?.edit?.changes?.[u]).toEqual([{ range: { start: pos(5, 0), end: pos(5, 0) }, newText: "    readinessProbe:\n      httpGet:\n        path: /\n        port: 3000\n" }]);
  });

  it("answers an empty result, not an error, for documents it does not know", async () => {
    const other = ws.fileUri("not-open.score.yaml");
    expect(await client.request("textDocument/hover", { textDocument: { uri: other }, position: pos(0, 0) })).toBeNull();
    expect(await client.request("textDocument/completion", { textDocument: { uri: other }, position: pos(0, 0) })).toEqual([]);
    expect(await client.request("textDocument/codeAction", { textDocument: { uri }, range: { start: pos(0, 0), end: pos(0, 0) }, context: { diagnostics: [{ source: "scorec", code: "schema/type", message: "must be a string, found the number 1", range: { start: pos(99, 0), end: pos(99, 3) } }] } })).toEqual([]);
  });
});

describe("settings and policies", () => {
  it("hovers a finding with its rule id", async () => {
    const u = ws.fileUri("hover-finding.score.yaml");
    client.open(u, INVALID);
    await client.diagnostics(u, 1);
    const h = await client.request<Hover>("textDocument/hover", { textDocument: { uri: u }, position: pos(5, 6) });
    expect((h.contents as { value: string }).value).toContain("**schema/additional-property** (error)");
  });

  it("turns rules off through workspace/configuration", async () => {
    const u = ws.fileUri("rules.score.yaml");
    client.open(u, INVALID);
    expect((await client.diagnostics(u, 1)).map((d) => d.code)).toContain("schema/additional-property");
    client.configuration = { debounceMs: 10, rules: { "schema/additional-property": false } };
    await client.rpc.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await expect.poll(() => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics.map((d) => d.code)).toEqual(["schema/required"]);
    client.configuration = null;
    await client.rpc.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await expect.poll(() => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics.length).toBe(2);
  });

  it("keeps serving when a policy does not compile (and reports it when the policy engine is present)", async () => {
    const rego = ws.write("broken.rego", "package main\n\ndeny contains msg if {\n  input.x ==\n}\n");
    client.configuration = { debounceMs: 10, policies: ["broken.rego"] };
    await client.rpc.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const u = ws.fileUri("with-policy.score.yaml");
    client.open(u, FIXED);
    expect(await client.diagnostics(u, 1)).toEqual([]);
    const engine = await import("../../src/policy/load-policies.js").then(() => true, () => false);
    if (engine) await expect.poll(() => client.published.filter((p) => p.uri === rego).at(-1)?.diagnostics.length ?? 0).toBeGreaterThan(0);
    client.configuration = null;
    await client.rpc.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.request("textDocument/hover", { textDocument: { uri: u }, position: pos(0, 0) }); // the notification has been handled
    await idle();
  });
});
