// Which `.scorec/config.yaml` governs a run: found from each input's folder upwards (src/load/config-file.ts),
// or named with `--config FILE`. A bad config is reported like any other file (positioned), and stops the
// run with exit 2.
import { basename, dirname, resolve } from "node:path";
import type { ScorecConfig } from "../generated/config.js";
import { isBuiltinRef } from "../policy/builtin-pack.js";
import { configRelative, findConfig, type LoadedConfig } from "../load/config-file.js";
import type { SourceInput } from "../pipeline/processor.js";
import { CliError } from "./exit-codes.js";

export { CONFIG_PATH } from "../load/config-file.js";

function orFail(loaded: LoadedConfig): LoadedConfig {
  const d = loaded.diagnostics;
  if (d.length) throw new CliError(d.map((x) => `${x.file}:${x.range.start.line}:${x.range.start.column}: ${x.message}`).join("\n"));
  return loaded;
}

/** The folder a config search starts from for one input (stdin: the current folder). */
function startDir(input: SourceInput, cwd: string): string {
  return input.path === "-" ? cwd : dirname(resolve(cwd, input.path));
}

/** The config for a run over these inputs: `--config`, else the one found from the first input's folder. */
export function loadConfigOrFail(inputs: readonly SourceInput[] | string, explicit?: string, cwd = process.cwd()): LoadedConfig {
  const first = typeof inputs === "string" ? inputs : [...inputs].map((i) => startDir(i, cwd)).sort()[0] ?? cwd;
  return orFail(findConfig(first, explicit, cwd));
}

export interface ConfigGroup {
  loaded: LoadedConfig;
  inputs: SourceInput[];
}

/**
 * Inputs grouped by the config that governs them (one group with `--config`), in the order of their
 * first input, so files of two projects checked at once each follow their own project's settings.
 */
export function configGroups(inputs: readonly SourceInput[], explicit?: string, cwd = process.cwd()): ConfigGroup[] {
  if (explicit !== undefined) return [{ loaded: orFail(findConfig(cwd, explicit, cwd)), inputs: [...inputs] }];
  const byDir = new Map<string, LoadedConfig>();
  const groups = new Map<string, ConfigGroup>();
  for (const input of inputs) {
    const dir = startDir(input, cwd);
    let loaded = byDir.get(dir);
    if (!loaded) byDir.set(dir, (loaded = orFail(findConfig(dir, undefined, cwd))));
    const key = loaded.path ?? "";
    const g = groups.get(key);
    if (g) g.inputs.push(input);
    else groups.set(key, { loaded, inputs: [input] });
  }
  return [...groups.values()];
}

/**
 * Config paths (provisioners, policies, data) made absolute against the config's folder. For
 * provisioners, the config's own `.scorec/` folder is included (its `*.provisioners.yaml` files load too).
 */
export function configPaths(loaded: LoadedConfig, key: "provisioners" | "policies" | "data"): string[] {
  // `builtin:` policy refs name the built-in pack, not a path (src/policy/builtin-pack.ts).
  const paths = ((loaded.config as ScorecConfig)[key] ?? []).map((p) => (key === "policies" && isBuiltinRef(p) ? p : configRelative(loaded, p)));
  if (key === "provisioners" && loaded.path && basename(dirname(loaded.path)) === ".scorec") paths.push(dirname(loaded.path));
  return paths;
}
