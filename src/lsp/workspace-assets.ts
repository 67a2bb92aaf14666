// Provisioner and policy files, loaded once per workspace and reloaded only when they change: on
// `workspace/didChangeWatchedFiles`, or when a cheap mtime signature differs (for clients that do not
// watch files). Loading goes through the engine's own loaders, so their findings (a provisioner file that
// fails its schema, a policy that fails to compile) are ordinary positioned diagnostics on those files.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { collect } from "../diagnostics/diagnostic.js";
import type { RuleRegistry } from "../diagnostics/rules.js";
import { packageRoot } from "../package-root.js";
import type { PolicyStageOptions } from "../policy/policy-stage.js";
import { loadProvisioners, projectProvisionerPaths, type LoadedProvisionerSet } from "../provision/load-provisioners.js";
import { isBuiltinRef } from "../policy/builtin-pack.js";
import { absolutePaths, type LspSettings } from "./settings.js";

export interface WorkspaceAssets {
  provisioners: LoadedProvisionerSet;
  /** Built-in provisioner folder of the target, to turn "(built-in)/x" display paths into files. */
  builtInDir?: string;
  /** Undefined when no policies are configured or the policy engine cannot be loaded. */
  policy?: PolicyStageOptions;
  registry?: RuleRegistry;
  /** Findings about the provisioner and policy files themselves, keyed by absolute path. */
  fileDiagnostics: Map<string, Diagnostic[]>;
  /**
   * Findings about a configured path that is not a file an editor can open (missing, or a folder): a
   * diagnostic on such a URI is shown nowhere, so the server puts these on each open Score file.
   */
  settingsDiagnostics: Diagnostic[];
}

/** Whether `path` is a regular file (something an editor can show diagnostics on). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every file (with its mtime) a set of paths covers, for change detection. */
function signatureOf(paths: readonly string[]): string {
  const parts: string[] = [];
  const visit = (p: string, depth: number): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return void parts.push(`${p}:missing`);
    }
    if (!st.isDirectory()) return void parts.push(`${p}:${st.mtimeMs}:${st.size}`);
    if (depth > 4) return;
    parts.push(`${p}/`);
    let names: string[];
    try {
      names = readdirSync(p).sort();
    } catch {
      return void parts.push(`${p}:unreadable`);
    }
    for (const n of names) if (!n.startsWith(".")) visit(join(p, n), depth + 1);
  };
  for (const p of paths) visit(p, 0);
  return parts.join("\n");
}

/** The target's built-in provisioner folder, found without importing the target module (it may be heavy). */
function builtInDirFor(target: string): string | undefined {
  try {
    const dir = join(packageRoot(), "targets", target, "provisioners");
    return existsSync(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Without file watching, how often (at most) the files are re-examined for changes. */
const POLL_MS = 2000;

/** Distinct settings/root combinations kept loaded (several folders with their own configs open at once). */
const MAX_ENTRIES = 8;

interface Entry {
  assets: Promise<WorkspaceAssets>;
  signature: string;
  checkedAt: number;
  /** Compare the files' signature on the next `get`, even when the client watches them. */
  recheck: boolean;
}

export class AssetCache {
  /** By settings and root, least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** When the client watches the files for us, `invalidate()` is enough: no walk per edit. */
  watching = false;

  constructor(
    private readonly log: (message: string) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Forget everything: the next `get` reloads. */
  invalidate(): void {
    this.entries.clear();
  }

  /**
   * Look at the files again on the next `get` (a saved buffer: the user may have changed a policy or
   * provisioner file outside the editor, unseen by the client's watcher). Reloads only what changed.
   */
  recheck(): void {
    for (const e of this.entries.values()) e.recheck = true;
  }

  /** What a settings change or a file edit must re-read: the project's .scorec/ and all configured paths. */
  private watchedPaths(settings: LspSettings, root: string): string[] {
    const scorecDir = join(root, ".scorec");
    return [...absolutePaths(settings.provisioners, root), ...absolutePaths(settings.policies.filter((p) => !isBuiltinRef(p)), root), ...(settings.data ?? []), ...(existsSync(scorecDir) ? [scorecDir] : [])];
  }

  async get(settings: LspSettings, root: string): Promise<WorkspaceAssets> {
    const key = JSON.stringify([settings.target, settings.environment, settings.provisioners, settings.policies, settings.data, settings.namespaces, settings.regoVersion, settings.maxFileSize, root]);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      // Walking the folders on every keystroke is wasted work: skip it when the client watches the files,
      // and otherwise look at most every POLL_MS.
      if (!hit.recheck && (this.watching || this.now() - hit.checkedAt < POLL_MS)) return hit.assets;
    }
    const signature = signatureOf(this.watchedPaths(settings, root));
    // Analyses of several documents may ask at once: they share one load (the promise is the cache).
    if (hit && signature === hit.signature) {
      hit.checkedAt = this.now();
      hit.recheck = false;
      return hit.assets;
    }
    this.entries.delete(key);
    const entry: Entry = { assets: this.load(settings, root), signature, checkedAt: this.now(), recheck: false };
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry.assets;
  }

  private async load(settings: LspSettings, root: string): Promise<WorkspaceAssets> {
    const builtInDir = builtInDirFor(settings.target);
    const fileDiagnostics = new Map<string, Diagnostic[]>();
    const settingsDiagnostics: Diagnostic[] = [];
    const add = (diags: Diagnostic[], resolveFile: (f: string) => string | undefined): void => {
      for (const d of diags) {
        const abs = resolveFile(d.file);
        if (!abs) continue;
        if (!isFile(abs)) settingsDiagnostics.push(d);
        else fileDiagnostics.set(abs, [...(fileDiagnostics.get(abs) ?? []), d]);
      }
    };
    let provisioners: LoadedProvisionerSet = { provisioners: [], files: [] };
    try {
      provisioners = loadProvisioners(
        { builtInDir, paths: projectProvisionerPaths(root, absolutePaths(settings.provisioners, root)) },
        root,
      );
      add(collect(provisioners.files), (f) => (f.startsWith("(built-in)/") ? (builtInDir ? join(builtInDir, basename(f)) : undefined) : resolve(root, f)));
    } catch (e) {
      this.log(`scorec: cannot load provisioners: ${(e as Error).message}`);
    }
    let policy: PolicyStageOptions | undefined;
    let registry: RuleRegistry | undefined;
    if (settings.policies.length) {
      try {
        // Imported lazily: the policy engine is large, and a broken build of it must not stop the server.
        const { loadPolicyOptions } = await import("../policy/load-policies.js");
        // The same options `scorec check` loads policies with, from the same config.
        const loaded = await loadPolicyOptions({
          paths: settings.policies,
          dataPaths: settings.data,
          namespaces: settings.namespaces,
          environment: settings.environment ?? "dev",
          regoVersion: settings.regoVersion,
          maxFileSize: settings.maxFileSize,
          root,
        });
        policy = loaded;
        registry = loaded.registry;
        add(collect(loaded.files), (f) => resolve(root, f));
      } catch (e) {
        this.log(`scorec: cannot load policies: ${(e as Error).message}`);
      }
    }
    return { provisioners, builtInDir, policy, registry, fileDiagnostics, settingsDiagnostics };
  }
}

/** Absolute path of a provisioner's file as the loader displayed it (relative to `root`, or "(built-in)/…"). */
export function provisionerFilePath(file: string, root: string, builtInDir?: string): string | undefined {
  if (file.startsWith("(built-in)/")) return builtInDir ? join(builtInDir, basename(file)) : undefined;
  return resolve(root, file);
}
