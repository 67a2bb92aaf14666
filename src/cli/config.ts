// .scorec/config.yaml: project defaults for flags. Validated against schemas/config.schema.json; a bad
// config is reported like any other file (positioned), and stops the run with exit 2.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { VFile } from "vfile";
import { collect, report, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ScorecConfig } from "../generated/config.js";
import validateConfig from "../generated/config-validator.js";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { parseYaml } from "../parse/parse-yaml.js";
import { SchemaValidator } from "../validate/schema-validator.js";
import { CliError } from "./exit-codes.js";

export const CONFIG_PATH = ".scorec/config.yaml";

let validator: SchemaValidator | undefined;

export interface LoadedConfig {
  config: ScorecConfig;
  diagnostics: Diagnostic[];
}

export function loadConfig(root: string): LoadedConfig {
  const path = join(root, CONFIG_PATH);
  if (!existsSync(path)) return { config: {}, diagnostics: [] };
  const file = new VFile({ path: CONFIG_PATH });
  let bytes: Buffer;
  try {
    bytes = readFileBounded(path, DEFAULT_LIMITS.maxFileSize);
  } catch (e) {
    // A folder, a FIFO, an unreadable or huge file where the config should be: a positioned finding.
    report(file, `cannot read ${CONFIG_PATH}: ${e instanceof ReadRefusal ? e.message : String(e)}`, { ruleId: "io/read", source: "io", severity: "error" });
    return { config: {}, diagnostics: collect([file]) };
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
  return { config: diagnostics.some((d) => d.severity === "error") ? {} : ((value ?? {}) as ScorecConfig), diagnostics };
}

/** The config, or a usage error listing its problems (a broken config stops the run with exit 2). */
export function loadConfigOrFail(root: string): ScorecConfig {
  const { config, diagnostics } = loadConfig(root);
  if (diagnostics.length) throw new CliError(diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`).join("\n"));
  return config;
}
