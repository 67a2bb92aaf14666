// Load provisioner files: built-in defaults of the target, `--provisioners DIR|FILE` and the project's
// `.scorec/` folder. All files are ordered by file name (then path) — the score-compose convention, where
// the defaults are called zz-default… so that any other file wins — and the first match wins.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { VFile } from "vfile";
import { byCodePoint, report } from "../diagnostics/diagnostic.js";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { displayPath } from "../load/discover.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { parseYaml } from "../parse/parse-yaml.js";
import type { SourceFile } from "../parse/source-file.js";
import validateProvisionerFile from "../generated/provisioners-validator.js";
import { SchemaValidator } from "../validate/schema-validator.js";
import { cachedBuiltInValue } from "./builtin-provisioner-cache.js";
import type { LoadedProvisioner, ProvisionerSpec } from "./provisioner.js";

const PROVISIONER_FILE = /\.provisioners\.ya?ml$/;

let validator: SchemaValidator | undefined;
function provisionerValidator(): SchemaValidator {
  return (validator ??= new SchemaValidator(validateProvisionerFile, "provisioner file"));
}

/** The user's provisioner paths plus the project's `.scorec/` folder when it exists (it sorts among them). */
export function projectProvisionerPaths(root: string, given: readonly string[]): string[] {
  const project = join(root, ".scorec");
  // The same folder named twice (the config's .scorec/ is the project's) is read once.
  return [...new Set([...given.map((p) => resolve(p)), ...(existsSync(project) ? [resolve(project)] : [])])];
}

export interface ProvisionerSources {
  builtInDir?: string;
  /** User-given files or folders, plus the project's .scorec/ folder when present. */
  paths: string[];
  /** Largest provisioner file read, in bytes (the --max-file-size of the run). */
  maxFileSize?: number;
}

export interface LoadedProvisionerSet {
  provisioners: LoadedProvisioner[];
  /** One vfile per provisioner file, carrying its findings. */
  files: VFile[];
}

function listFiles(path: string, missing: string[]): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    missing.push(path);
    return [];
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => PROVISIONER_FILE.test(f))
    .map((f) => join(path, f));
}

export function loadProvisioners(sources: ProvisionerSources, cwd = process.cwd()): LoadedProvisionerSet {
  const missing: string[] = [];
  const entries: { path: string; builtIn: boolean }[] = [];
  if (sources.builtInDir) for (const p of listFiles(sources.builtInDir, missing)) entries.push({ path: p, builtIn: true });
  for (const given of sources.paths) for (const p of listFiles(given, missing)) entries.push({ path: p, builtIn: false });
  // A user file with the same name as a built-in one replaces it (like editing score-compose's copy).
  const userNames = new Set(entries.filter((e) => !e.builtIn).map((e) => basename(e.path)));
  const chosen = entries
    .filter((e) => !e.builtIn || !userNames.has(basename(e.path)))
    .sort((a, b) => byCodePoint(basename(a.path), basename(b.path)) || Number(a.builtIn) - Number(b.builtIn) || byCodePoint(a.path, b.path));

  const files: VFile[] = [];
  const provisioners: LoadedProvisioner[] = [];
  for (const m of missing) {
    const f = new VFile({ path: displayPath(m, cwd) });
    report(f, `cannot read provisioners from ${displayPath(m, cwd)}: no such file or folder`, { ruleId: "io/read", source: "io", severity: "error" });
    files.push(f);
  }
  for (const e of chosen) {
    const shown = e.builtIn ? `(built-in)/${basename(e.path)}` : displayPath(e.path, cwd);
    const vfile = new VFile({ path: shown });
    files.push(vfile);
    let bytes: Buffer;
    try {
      bytes = readFileBounded(e.path, sources.maxFileSize ?? DEFAULT_LIMITS.maxFileSize);
    } catch (err) {
      report(vfile, `cannot read ${shown}: ${err instanceof ReadRefusal ? err.message : String(err)}`, { ruleId: "io/read", source: "io", severity: "error" });
      continue;
    }
    // A built-in file whose parse the build cached: its source ranges are parsed only when asked for.
    const cached = e.builtIn ? cachedBuiltInValue(e.path, bytes) : undefined;
    let parsed: SourceFile | undefined;
    const sourceOf = (): SourceFile | undefined => (parsed ??= parseYaml(new VFile({ path: shown }), bytes, undefined, { root: "list" }).source);
    let value: unknown;
    if (cached !== undefined) value = cached;
    else {
      const result = parseYaml(vfile, bytes, undefined, { root: "list" });
      value = result.documents[0]?.value;
      if (!result.source || value === undefined) continue;
      parsed = result.source;
    }
    const findings = provisionerValidator().check(value);
    for (const f of findings) {
      report(vfile, f.message, {
        ruleId: f.ruleId.replace(/^schema\//, "provisioner/"),
        source: "provision",
        severity: "error",
        pointer: f.pointer,
        range: sourceOf()?.rangeOfPointer(0, f.pointer, { key: f.atKey }),
      });
    }
    if (findings.length > 0 || !Array.isArray(value)) continue;
    (value as ProvisionerSpec[]).forEach((spec, index) => {
      const p: LoadedProvisioner = { spec, file: shown, index, builtIn: e.builtIn };
      if (parsed) p.source = parsed;
      else Object.defineProperty(p, "source", { get: sourceOf, enumerable: true, configurable: true });
      provisioners.push(p);
    });
  }
  return { provisioners, files };
}
