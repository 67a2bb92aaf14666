// The scorec language server: diagnostics from the shared pipeline (debounced, never stale), hover,
// completion, definition and quick fixes. Every handler is guarded: an exception is logged and answered
// with an empty result, so one bad request never ends the session.
import { SafeFrames } from "./safe-frames.js";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node.js";
import { isScoreFileName } from "../load/discover.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { analyze, type Analysis } from "./analyze.js";
import { codeActions } from "./code-actions.js";
import { completion } from "./completion.js";
import { definition } from "./definition.js";
import type { FeatureContext } from "./feature-context.js";
import { hover } from "./hover.js";
import { toLspDiagnostic } from "./lsp-diagnostics.js";
import { phaseTimerFromEnv } from "./phase-timing.js";
import { IdleWarmup, WARMUP_DEFAULTS, type WarmupOptions } from "./idle-warmup.js";
import { ConfigCache, onOpenFile, settingsFor } from "./config-settings.js";
import { documentSymbols, foldingRanges } from "./outline.js";
import { DEFAULT_SETTINGS, readSettings, type LspSettings } from "./settings.js";
import { AssetCache, type WorkspaceAssets } from "./workspace-assets.js";

interface DocState {
  /** A scheduled analysis not started yet; `cancel` drops it. */
  timer?: { cancel(): void };
  /** Id of the latest analysis started; an older one finishing later is dropped. */
  run: number;
  analysis?: Analysis;
  provision?: ProvisionResult;
}

export function isScoreDocument(uri: string): boolean {
  if (!uri.startsWith("file:")) return false;
  try {
    return isScoreFileName(basename(fileURLToPath(uri)));
  } catch {
    return false;
  }
}

function internalError(e: unknown): LspDiagnostic {
  const at = { line: 0, character: 0 };
  return {
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Error,
    code: "scorec/internal-error",
    source: "scorec",
    message: `scorec could not analyse this file: ${(e as Error).message ?? String(e)}`,
  };
}

export interface ServerHandle {
  connection: Connection;
  /** Resolves when no analysis is scheduled or running (for tests and benchmarks). */
  idle(): Promise<void>;
  /** Throw-away analyses the idle warm-up has run so far. */
  warmupRuns(): number;
}

export interface ServerOptions {
  /** The idle warm-up's pacing (tests shorten it; `runs: 0` turns it off). */
  warmup?: Partial<WarmupOptions>;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all), options: ServerOptions = {}): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  // Logging must never throw itself (the connection may already be closed when a late error arrives).
  const log = (m: string): void => {
    try {
      connection.console.error(m);
    } catch {
      process.stderr.write(m + "\n");
    }
  };
  const cache = new AssetCache(log);
  const configs = new ConfigCache();
  const phaseTimer = phaseTimerFromEnv();
  let initSettings: LspSettings = DEFAULT_SETTINGS;
  let settings: LspSettings = DEFAULT_SETTINGS;
  let workspaceRoot: string | undefined;
  let canPullConfiguration = false;
  let canWatchFiles = false;
  let assets: WorkspaceAssets | undefined;
  /** Asset-file (provisioner, policy) URIs that currently carry diagnostics. */
  let assetUris = new Set<string>();
  let pending = 0;
  let idleWaiters: (() => void)[] = [];
  /** The document analysed last: what the idle warm-up repeats. */
  let lastAnalysed: string | undefined;

  function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (e) {
        log(`scorec: ${name} failed: ${(e as Error).stack ?? e}`);
        return fallback;
      }
    };
  }

  /** The workspace folder when the file is inside it, else the file's own folder (file sources must stay inside the root). */
  function rootFor(path: string): string {
    if (!workspaceRoot) return dirname(path);
    const rel = relative(workspaceRoot, path);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? workspaceRoot : dirname(path);
  }

  function state(uri: string): DocState {
    let s = states.get(uri);
    if (!s) states.set(uri, (s = { run: 0 }));
    return s;
  }

  /** An analysis running or scheduled (what idle waiters and the warm-up wait for). */
  function busy(): boolean {
    if (pending > 0) return true;
    for (const s of states.values()) if (s.timer) return true;
    return false;
  }

  function settled(): void {
    if (busy()) return;
    const w = idleWaiters;
    idleWaiters = [];
    for (const f of w) f();
  }

  function publishAssetDiagnostics(a: WorkspaceAssets): void {
    const next = new Set<string>();
    for (const [file, diags] of a.fileDiagnostics) {
      const uri = pathToFileURL(file).href;
      next.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: diags.map(toLspDiagnostic) });
    }
    for (const uri of assetUris) if (!next.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    assetUris = next;
  }

  async function runAnalysis(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const s = state(uri);
    const run = ++s.run;
    const version = doc.version;
    const path = fileURLToPath(uri);
    const root = rootFor(path);
    pending++;
    const timing = phaseTimer?.start(uri);
    try {
      let analysis: Analysis | undefined;
      let diagnostics: LspDiagnostic[];
      try {
        timing?.phase("settings");
        const effective = settingsFor(path, settings, configs);
        const a = await cache.get(effective.settings, root);
        if (a !== assets) {
          assets = a;
          publishAssetDiagnostics(a);
        }
        timing?.phase("analyze");
        analysis = await analyze(path, doc.getText(), root, effective.settings, a, log);
        timing?.phase("convert");
        diagnostics = [...effective.diagnostics, ...onOpenFile(path, a.settingsDiagnostics), ...analysis.diagnostics].map(toLspDiagnostic);
      } catch (e) {
        // A bug in a stage must not leave stale findings on screen: say so where the user looks.
        log(`scorec: analysis of ${path} failed: ${(e as Error).stack ?? e}`);
        diagnostics = [internalError(e)];
      }
      // Stale: the buffer changed or a newer analysis started while this one ran.
      if (documents.get(uri)?.version !== version || s.run !== run || states.get(uri) !== s) return;
      if (analysis) s.analysis = analysis;
      if (analysis?.provision && analysis.provision.resources.size > 0) s.provision = analysis.provision;
      timing?.phase("send");
      await connection.sendDiagnostics({ uri, version, diagnostics });
      timing?.done();
      if (analysis) {
        lastAnalysed = uri;
        warmup.activity();
      }
    } finally {
      pending--;
      settled();
    }
  }

  /** One analysis of the last analysed document, its result thrown away (see idle-warmup.ts). */
  async function warmupRun(): Promise<boolean> {
    const doc = lastAnalysed ? documents.get(lastAnalysed) : undefined;
    if (!doc) return false;
    const path = fileURLToPath(doc.uri);
    const root = rootFor(path);
    const effective = settingsFor(path, settings, configs);
    const a = await cache.get(effective.settings, root);
    // Files changed on disk: the next real analysis publishes what they mean; warming up waits for it.
    if (a !== assets) return false;
    await analyze(path, doc.getText(), root, effective.settings, a);
    return true;
  }

  const warmup = new IdleWarmup(warmupRun, busy, { ...WARMUP_DEFAULTS, ...options.warmup });

  function schedule(uri: string, delay = settings.debounceMs): void {
    if (!isScoreDocument(uri)) return;
    warmup.activity();
    const s = state(uri);
    s.timer?.cancel();
    phaseTimer?.scheduled(uri);
    const start = (): void => {
      s.timer = undefined;
      runAnalysis(uri).catch((e: unknown) => log(`scorec: analysis failed: ${(e as Error).stack ?? e}`));
    };
    // No debounce: start once this message is handled. A zero timeout would wait a clamped 1 ms more.
    if (delay <= 0) {
      const h = setImmediate(start);
      s.timer = { cancel: () => clearImmediate(h) };
    } else {
      const h = setTimeout(start, delay);
      s.timer = { cancel: () => clearTimeout(h) };
    }
  }

  function reanalyseAll(): void {
    for (const d of documents.all()) schedule(d.uri, 0);
  }

  async function pullConfiguration(): Promise<void> {
    if (!canPullConfiguration) return;
    const raw = (await connection.workspace.getConfiguration("scorec")) as unknown;
    settings = readSettings(raw, initSettings);
  }

  function context(uri: string): FeatureContext | undefined {
    const doc = documents.get(uri);
    if (!doc || !isScoreDocument(uri)) return undefined;
    const path = fileURLToPath(uri);
    const s = states.get(uri);
    return { uri, text: doc.getText(), path, root: rootFor(path), settings, analysis: s?.analysis, provision: s?.provision, assets };
  }

  connection.onInitialize(
    guard("initialize", { capabilities: {} } as InitializeResult, (params: InitializeParams): InitializeResult => {
      initSettings = settings = readSettings(params.initializationOptions);
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      if (folder?.startsWith("file:")) workspaceRoot = fileURLToPath(folder).replace(/\/$/, "");
      else if (params.rootPath) workspaceRoot = resolve(params.rootPath);
      canPullConfiguration = params.capabilities.workspace?.configuration === true;
      canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          hoverProvider: true,
          completionProvider: { triggerCharacters: [".", "{", ":", " "] },
          definitionProvider: true,
          codeActionProvider: { codeActionKinds: ["quickfix"] },
          documentSymbolProvider: true,
          foldingRangeProvider: true,
        },
        serverInfo: { name: "scorec" },
      };
    }),
  );

  // A registration the client refuses, or one still waiting when the connection closes, is logged, never
  // an unhandled rejection (the library's own failure log throws on a disposed connection).
  const registered = (p: Promise<unknown>, what: string): void => void p.catch((e: unknown) => log(`scorec: registering ${what} failed: ${(e as Error).message ?? e}`));

  connection.onInitialized(
    guard("initialized", undefined, async () => {
      if (canPullConfiguration) registered(connection.client.register(DidChangeConfigurationNotification.type, { section: "scorec" }), "configuration changes");
      if (canWatchFiles) {
        cache.watching = true;
        registered(
          connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: "**/*.provisioners.{yaml,yml}" }, { globPattern: "**/*.{rego,wasm,tar.gz}" }, { globPattern: "**/.scorec/**" }],
          }),
          "file watching",
        );
      }
      await pullConfiguration();
      reanalyseAll();
    }),
  );

  connection.onDidChangeConfiguration(
    guard("didChangeConfiguration", undefined, async (params: { settings: unknown }) => {
      if (canPullConfiguration) await pullConfiguration();
      else settings = readSettings(params.settings, initSettings);
      cache.invalidate();
      configs.invalidate();
      reanalyseAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard("didChangeWatchedFiles", undefined, () => {
      cache.invalidate();
      configs.invalidate();
      reanalyseAll();
    }),
  );

  documents.onDidOpen(guard("didOpen", undefined, (e) => schedule(e.document.uri, 0)));
  documents.onDidChangeContent(guard("didChange", undefined, (e) => schedule(e.document.uri)));
  // A save is when users expect a full re-check: files changed outside the editor (a policy edited in a
  // terminal, unseen by the client's watcher) are looked at again; the asset cache reloads only what changed.
  documents.onDidSave(
    guard("didSave", undefined, (e) => {
      cache.recheck();
      schedule(e.document.uri, 0);
    }),
  );
  documents.onDidClose(
    guard("didClose", undefined, (e) => {
      const s = states.get(e.document.uri);
      s?.timer?.cancel();
      states.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      settled();
    }),
  );

  connection.onHover(guard("hover", null, (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? hover(ctx, p.position) : null;
  }));
  connection.onCompletion(guard("completion", [], (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? completion(ctx, p.position) : [];
  }));
  connection.onDefinition(guard("definition", [], (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? definition(ctx, p.position) : [];
  }));
  connection.onCodeAction(guard("codeAction", [], (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? codeActions(ctx, p.context.diagnostics) : [];
  }));
  connection.onDocumentSymbol(guard("documentSymbol", [], (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? documentSymbols(ctx.text) : [];
  }));
  connection.onFoldingRanges(guard("foldingRange", [], (p) => {
    const ctx = context(p.textDocument.uri);
    return ctx ? foldingRanges(ctx.text) : [];
  }));
  connection.onShutdown(guard("shutdown", undefined, () => {
    warmup.stop();
    for (const s of states.values()) s.timer?.cancel();
    states.clear();
  }));

  documents.listen(connection);
  connection.listen();
  return {
    connection,
    idle: () => new Promise<void>((res) => {
      idleWaiters.push(res);
      settled();
    }),
    warmupRuns: () => warmup.done,
  };
}

/** `scorec lsp`: serve over stdin/stdout. Logging goes to stderr; stdout carries only the protocol. */
export function runLsp(): ServerHandle {
  console.log = console.error;
  console.info = console.error;
  return startServer(createConnection(ProposedFeatures.all, process.stdin.pipe(new SafeFrames((m) => process.stderr.write(m + "\n"))), process.stdout));
}
