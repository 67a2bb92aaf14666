// Issue 16: the language server keeps config, policies and provisioners loaded between keystrokes, and
// still sees them change: a watched-file notification or a save makes the next diagnostics use the files
// on disk. The asset cache itself: one load per settings and root, reused until told or shown otherwise.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AssetCache, type WorkspaceAssets } from "../../src/lsp/workspace-assets.js";
import { DEFAULT_SETTINGS } from "../../src/lsp/settings.js";
import { inProcess } from "./lsp-client.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-lsp-invalidate-"));
const session = inProcess();
afterAll(async () => {
  await session.server.idle();
  session.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const TEXT = ["apiVersion: score.dev/v1b1", "metadata:", "  name: web", "containers:", "  main:", "    image: nginx:latest", ""].join("\n");
const policy = (message: string) => `package main\n\ndeny contains msg if {\n  some name, c in input.containers\n  endswith(c.image, ":latest")\n  msg := sprintf("${message}: %s", [name])\n}\n`;

/** Write a file with an mtime that differs from the previous write's, even on a coarse-grained clock. */
let tick = 1_700_000_000;
function write(path: string, text: string): string {
  writeFileSync(path, text);
  tick += 10;
  utimesSync(path, tick, tick);
  return pathToFileURL(path).href;
}

mkdirSync(join(tmp, ".git"), { recursive: true });
mkdirSync(join(tmp, ".scorec"), { recursive: true });
mkdirSync(join(tmp, "policies"), { recursive: true });
const configUri = write(join(tmp, ".scorec", "config.yaml"), "policies: [policies]\n");
const policyPath = join(tmp, "policies", "latest.rego");
const policyUri = write(policyPath, policy("no latest tag"));
write(join(tmp, "score.yaml"), TEXT);
const uri = pathToFileURL(join(tmp, "score.yaml")).href;
const latest = () => session.client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.filter((d) => d.code === "main.deny").map((d) => `${d.severity}:${d.message}`);

describe("the language server sees files change on disk", () => {
  it("uses the config's policy folder", async () => {
    await session.client.initialize(pathToFileURL(tmp).href, { debounceMs: 0 });
    session.client.open(uri, TEXT);
    await session.client.diagnostics(uri, 1);
    expect(latest()).toEqual(["1:no latest tag: main"]);
  });

  it("reloads a policy edited on disk when the client reports the change", async () => {
    write(policyPath, policy("pin the image"));
    await session.client.rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: policyUri, type: 2 }] });
    await expect.poll(latest).toEqual(["1:pin the image: main"]);
  });

  it("reloads a policy edited on disk on the next save, without a watcher's notification", async () => {
    write(policyPath, policy("saved"));
    // An edit alone keeps the loaded policies (the client watches files: no disk walk per keystroke) …
    const v = session.client.change(uri, TEXT + "# edit\n");
    await session.client.diagnostics(uri, v);
    expect(latest()).toEqual(["1:pin the image: main"]);
    // … a save looks at the files again.
    await session.client.rpc.sendNotification("textDocument/didSave", { textDocument: { uri } });
    await expect.poll(latest).toEqual(["1:saved: main"]);
  });

  it("applies an edited config: the rule's severity, then the rule turned off", async () => {
    write(join(tmp, ".scorec", "config.yaml"), "policies: [policies]\nrules:\n  main.deny: warning\n");
    await session.client.rpc.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: configUri, type: 2 }] });
    await expect.poll(latest).toEqual(["2:saved: main"]);
    write(join(tmp, ".scorec", "config.yaml"), "policies: [policies]\nrules:\n  main.deny: off\n");
    // Without a notification too: the config is looked up (one stat) on every analysis.
    const v = session.client.change(uri, TEXT + "# another edit\n");
    await session.client.diagnostics(uri, v);
    expect(latest()).toEqual([]);
  });
});

describe("AssetCache", () => {
  const dir = mkdtempSync(join(tmpdir(), "scorec-asset-cache-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const prov = join(dir, "a.provisioners.yaml");
  const provisioner = (type: string) => `- uri: template://a/${type}\n  type: ${type}\n  outputs: |\n    v: 1\n`;
  write(prov, provisioner("x"));
  const settings = { ...DEFAULT_SETTINGS, provisioners: [prov] };
  const types = (a: WorkspaceAssets) => a.provisioners.provisioners.filter((p) => !p.builtIn).map((p) => p.spec.type);
  let clock = 0;

  it("loads once per settings and root and reuses the load while the files are watched", async () => {
    const cache = new AssetCache(undefined, () => clock);
    cache.watching = true;
    const first = await cache.get(settings, dir);
    expect(types(first)).toEqual(["x"]);
    expect(await cache.get(settings, dir)).toBe(first);
    write(prov, provisioner("y"));
    expect(await cache.get(settings, dir)).toBe(first); // watched: only a notification (or a save) says it changed
    // Another root (a second folder open at once) has its own entry; the first one stays loaded.
    expect(await cache.get(settings, tmp)).not.toBe(first);
    expect(await cache.get(settings, dir)).toBe(first);
    cache.recheck();
    const reloaded = await cache.get(settings, dir);
    expect(types(reloaded)).toEqual(["y"]);
    cache.recheck();
    expect(await cache.get(settings, dir)).toBe(reloaded); // nothing changed since: no reload
    cache.invalidate();
    expect(await cache.get(settings, dir)).not.toBe(reloaded);
  });

  it("without a watcher, looks at the files at most every 2 s", async () => {
    const cache = new AssetCache(undefined, () => clock);
    const first = await cache.get(settings, dir);
    write(prov, provisioner("z"));
    clock += 1000;
    expect(await cache.get(settings, dir)).toBe(first);
    clock += 1500;
    expect(types(await cache.get(settings, dir))).toEqual(["z"]);
  });
});
