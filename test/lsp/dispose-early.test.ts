// A client that goes away while the server's capability registrations are still unanswered: the server
// logs it, and no promise is left rejected with nobody listening (vitest fails the run on one).
import { rmSync } from "node:fs";
import { expect, it } from "vitest";
import { inProcess } from "./lsp-client.js";
import { FIXED, makeWorkspace } from "./workspace.js";

it("survives a connection closed before the client answers the registrations", async () => {
  const ws = makeWorkspace();
  const p = inProcess();
  // Registrations are never answered: they are still pending when the connection is disposed.
  const asked = new Promise<void>((resolve) => p.client.rpc.onRequest("client/registerCapability", () => (resolve(), new Promise(() => {}))));
  try {
    await p.client.initialize(ws.uri, { debounceMs: 0 });
    const uri = ws.fileUri("score.yaml");
    p.client.open(uri, FIXED);
    expect(await p.client.diagnostics(uri, 1)).toEqual([]);
    await asked;
  } finally {
    p.dispose();
    rmSync(ws.dir, { recursive: true, force: true });
  }
  // Let the rejected registrations settle while the test is still running.
  await new Promise((r) => setTimeout(r, 50));
});
