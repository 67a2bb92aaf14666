// The language server reads the same `.scorec/config.yaml` as `scorec check` for the open file (found
// upwards from its folder, src/load/config-file.ts). The config is the base; what the client sets
// explicitly wins, as flags win over the config on the command line. Config problems are shown on the
// open file, where the user looks.
import { dirname } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { configRelative, findConfig } from "../load/config-file.js";
import { DEFAULT_SETTINGS, type LspSettings } from "./settings.js";

export interface EffectiveSettings {
  settings: LspSettings;
  /** Config findings, moved onto the open file (1:1) with the config's path in the message. */
  diagnostics: Diagnostic[];
}

export function settingsFor(path: string, client: LspSettings): EffectiveSettings {
  const loaded = findConfig(dirname(path));
  const c = loaded.config;
  const rel = (ps: readonly string[] | undefined): string[] => (ps ?? []).map((p) => configRelative(loaded, p));
  const scorecDir = loaded.path && /[\\/]\.scorec[\\/][^\\/]+$/.test(loaded.path) ? [dirname(loaded.path)] : [];
  const settings: LspSettings = {
    ...client,
    target: client.target !== DEFAULT_SETTINGS.target ? client.target : (c.target ?? client.target),
    ...(client.environment ?? c.environment ? { environment: client.environment ?? c.environment } : {}),
    provisioners: [...client.provisioners, ...rel(c.provisioners), ...scorecDir],
    policies: [...client.policies, ...rel(c.policies)],
    rules: { ...(c.rules ?? {}), ...client.rules },
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
