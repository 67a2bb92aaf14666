// `.scorec/config.yaml`, found like eslint and prettier find theirs: from a Score file's folder upwards,
// stopping at the repository root (the folder holding `.git`) or the filesystem root; `--config FILE`
// overrides the search. The CLI and the language server both call `findConfig`, so they agree on which
// config governs a file. Paths inside a config are relative to its project folder (the one holding
// `.scorec/`; for a config file elsewhere, its own folder).
import { existsSync } from "node:fs";
import { readFileBounded, ReadRefusal } from "./bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { VFile } from "vfile";
import { collect, report, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ScorecConfig } from "../generated/config.js";
import validateConfig from "../generated/config-validator.js";
import { parseYaml } from "../parse/parse-yaml.js";
import { SchemaValidator } from "../validate/schema-validator.js";
import { displayPath } from "./discover.js";

export const CONFIG_PATH = ".scorec/config.yaml";

export interface LoadedConfig {
  /** Absolute path of the config file; undefined when none was found. */
  path?: string;
  /** Folder that relative paths in the config are resolved against. */
  dir?: string;
  config: ScorecConfig;
  /** Findings about the config file (it is then treated as empty). */
  diagnostics: Diagnostic[];
}

let validator: SchemaValidator | undefined;


/** The nearest `.scorec/config.yaml` from `startDir` upwards, not above the repository root. */
export function findConfigPath(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_PATH);
    if (existsSync(candidate)) return candidate;
    // `.git` is a folder in a clone and a file in a worktree or submodule: either marks the top.
    if (existsSync(join(dir, ".git"))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The project folder of a config: the folder holding `.scorec/`, else the config file's own folder. */
export function configDir(path: string): string {
  const dir = dirname(path);
  return basename(dir) === ".scorec" ? dirname(dir) : dir;
}

/** Read and validate one config file; problems are positioned findings on it. */
export function readConfig(path: string, cwd = process.cwd()): LoadedConfig {
  const abs = resolve(cwd, path);
  const file = new VFile({ path: displayPath(abs, cwd) });
  let bytes: Buffer | undefined;
  let why = "no such file";
  try {
    // Bounded, regular files only: a folder, a FIFO or a huge file where the config should be is a finding.
    bytes = readFileBounded(abs, DEFAULT_LIMITS.maxFileSize);
  } catch (e) {
    if (e instanceof ReadRefusal) why = e.message;
  }
  if (bytes === undefined) {
    report(file, `cannot read ${file.path}: ${why}`, { ruleId: "io/read", source: "io", severity: "error" });
    return { path: abs, dir: configDir(abs), config: {}, diagnostics: collect([file]) };
  }
  const { source, documents } = parseYaml(file, bytes, undefined, { what: "scorec config" });
  const value = documents[0]?.value;
  if (source && value !== undefined) {
    validator ??= new SchemaValidator(validateConfig, "config");
    for (const f of validator.check(value)) {
      report(file, f.message, { ruleId: f.ruleId.replace(/^schema\//, "config/"), source: "config", severity: "error", pointer: f.pointer, range: source.rangeOfPointer(0, f.pointer, { key: f.atKey }) });
    }
  }
  const diagnostics = collect([file]);
  const config = diagnostics.some((d) => d.severity === "error") ? {} : ((value ?? {}) as ScorecConfig);
  return { path: abs, dir: configDir(abs), config, diagnostics };
}

/** The config governing files in `startDir` (or the one named by `--config`); empty when there is none. */
export function findConfig(startDir: string, explicit?: string, cwd = process.cwd()): LoadedConfig {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findConfigPath(startDir);
  return path ? readConfig(path, cwd) : { config: {}, diagnostics: [] };
}

/** A config path (provisioners, policies, data) as an absolute path. */
export function configRelative(loaded: LoadedConfig, p: string): string {
  return isAbsolute(p) ? p : resolve(loaded.dir ?? process.cwd(), p);
}
