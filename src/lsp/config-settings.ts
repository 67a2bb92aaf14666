// The language server reads the same `.scorec/config.yaml` as `scorec check` for the open file (found
// upwards from its folder, src/load/config-file.ts). The config is the base; what the client sets
// explicitly wins, as flags win over the config on the command line. Config problems are shown on the
// open file, where the user looks.
import { statSync } from "node:fs";
import { dirname } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { configRelative, findConfig, findConfigPath, readConfig, type LoadedConfig } from "../load/config-file.js";
import { isBuiltinRef } from "../policy/builtin-pack.js";
import { DEFAULT_SETTINGS, type LspSettings } from "./settings.js";

export interface EffectiveSettings {
  settings: LspSettings;
  /** Config findings, moved onto the open file (1:1) with the config's path in the message. */
  diagnostics: Diagnostic[];
}

/**
 * The config of each folder, read once and kept while the file is unchanged: an edit costs the upward
 * search (a few `stat`s) and one `stat` of the config, not a read, parse and schema check per keystroke.
 */
export class ConfigCache {
  private readonly byDir = new Map<string, { path?: string; stamp: string; loaded: LoadedConfig }>();

  invalidate(): void {
    this.byDir.clear();
  }

  get(dir: string): LoadedConfig {
    const path = findConfigPath(dir);
    let stamp = "";
    if (path) {
      try {
        const st = statSync(path);
        stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
      } catch {
        stamp = "gone";
      }
    }
    const hit = this.byDir.get(dir);
    if (hit && hit.path === path && hit.stamp === stamp) return hit.loaded;
    const loaded: LoadedConfig = path ? readConfig(path) : { config: {}, diagnostics: [] };
    this.byDir.set(dir, { path, stamp, loaded });
    return loaded;
  }
}

/** Settings for one open file: its config (through `cache` when given) under the client's settings. */
export function settingsFor(path: string, client: LspSettings, cache?: ConfigCache): EffectiveSettings {
  const loaded = cache ? cache.get(dirname(path)) : findConfig(dirname(path));
  const c = loaded.config;
  const rel = (ps: readonly string[] | undefined): string[] => (ps ?? []).map((p) => configRelative(loaded, p));
  const scorecDir = loaded.path && /[\\/]\.scorec[\\/][^\\/]+$/.test(loaded.path) ? [dirname(loaded.path)] : [];
  const settings: LspSettings = {
    ...client,
    target: client.target !== DEFAULT_SETTINGS.target ? client.target : (c.target ?? client.target),
    ...(client.environment ?? c.environment ? { environment: client.environment ?? c.environment } : {}),
    provisioners: [...client.provisioners, ...rel(c.provisioners), ...scorecDir],
    // `builtin:` names the built-in pack, not a path (as `scorec check` reads the config).
    policies: [...client.policies, ...(c.policies ?? []).map((p) => (isBuiltinRef(p) ? p : configRelative(loaded, p)))],
    rules: { ...(c.rules ?? {}), ...client.rules },
    ...(c.data?.length ? { data: rel(c.data) } : {}),
    ...(c.namespaces?.length ? { namespaces: c.namespaces } : {}),
    ...(c.regoVersion ? { regoVersion: c.regoVersion === "v0" ? 0 : 1 } : {}),
    ...(c.seed ? { seed: c.seed } : {}),
    ...(c.maxFileSize ? { maxFileSize: c.maxFileSize } : {}),
  };
  const at = { line: 1, column: 1, offset: 0 };
  const diagnostics = loaded.diagnostics.map((d): Diagnostic => ({
    file: path,
    ruleId: d.ruleId,
    source: "config",
    severity: d.severity,
    message: `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`,
    range: { start: at, end: at },
  }));
  return { settings, diagnostics };
}

/**
 * Findings about configured paths that are not files (a missing provisioners or policies folder), moved
 * onto the open file at 1:1 as config findings are: their message names the path.
 */
export function onOpenFile(path: string, diags: readonly Diagnostic[]): Diagnostic[] {
  const at = { line: 1, column: 1, offset: 0 };
  return diags.map((d): Diagnostic => ({ ...d, file: path, range: { start: at, end: at } }));
}
