// A minimal LSP client for the tests: JSON-RPC over a pair of in-memory streams to an in-process server,
// or over a child process's stdio. Collects publishDiagnostics so tests can wait for a given version.
import { PassThrough, type Readable, type Writable } from "node:stream";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import type { Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import { startServer, type ServerHandle, type ServerOptions } from "../../src/lsp/server.js";

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly logs: string[] = [];
  private versions = new Map<string, number>();
  /** What the client answers to `workspace/configuration` for section "scorec". */
  configuration: unknown = null;

  constructor(readonly rpc: MessageConnection) {
    rpc.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    rpc.onNotification("window/logMessage", (p: { message: string }) => this.logs.push(p.message));
    rpc.onRequest("workspace/configuration", () => [this.configuration]);
    rpc.onRequest("client/registerCapability", () => null);
    rpc.listen();
  }

  diagnostics(uri: string, version?: number, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const match = (p: PublishDiagnosticsParams) => p.uri === uri && (version === undefined || p.version === version);
    const done = [...this.published].reverse().find(match);
    if (done) return Promise.resolve(done.diagnostics);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}; logs: ${this.logs.join("\n")}`)), timeoutMs);
      this.waiters.push({ match, resolve: (p) => (clearTimeout(t), resolve(p.diagnostics)) });
    });
  }

  initialize(rootUri: string, initializationOptions: unknown = {}): Promise<unknown> {
    return this.rpc
      .sendRequest("initialize", {
        processId: null,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: "ws" }],
        capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
        initializationOptions,
      })
      .then(async (r) => {
        await this.rpc.sendNotification("initialized", {});
        return r;
      });
  }

  open(uri: string, text: string): number {
    this.versions.set(uri, 1);
    void this.rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
    return 1;
  }

  /** Replace the whole text; returns the new version. */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.rpc.sendRequest(method, params) as Promise<R>;
  }
}

/** Client and server in this process, over in-memory streams. Never send `exit` here: it ends the process. */
export function inProcess(options?: ServerOptions): { client: TestClient; server: ServerHandle; dispose: () => void } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), options);
  const client = new TestClient(createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
  return {
    client,
    server,
    dispose: () => {
      client.rpc.dispose();
      server.connection.dispose();
    },
  };
}

export function overStdio(stdout: Readable, stdin: Writable): TestClient {
  return new TestClient(createMessageConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin)));
}
