// The work of `scorec init`: render the template, refuse to overwrite, prove the result checks, write it
// with the artifact writer (all or nothing).
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { check } from "../api/check.js";
import { ArtifactPathError, ArtifactWriteError, writeArtifacts } from "../emit/artifact-writer.js";
import { displayPath, isScoreFileName } from "../load/discover.js";
import { renderTemplate, parseSets, templateValues, TemplateValueError } from "../scaffold/render-template.js";
import { builtInTemplateNames, loadTemplate, TemplateSourceError, type LoadedTemplate } from "../scaffold/template-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import { formatResult } from "./output.js";

export interface InitFlags {
  template: string;
  set: string[];
  provisioners?: boolean;
  force?: boolean;
  list?: boolean;
}

/** The folder's name as a workload name: lower case, runs of other characters as one `-`. */
export function nameFromFolder(dir: string): string {
  return basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

function listTemplates(io: CliIO): void {
  for (const name of builtInTemplateNames()) {
    const t = loadTemplate(name);
    io.out(`${name}: ${t.description}\n`);
    for (const v of t.variables) io.out(`  --set ${v.name}=…  ${v.description}${v.default !== undefined && v.default !== "" ? ` (default ${v.default})` : ""}\n`);
  }
}

function load(spec: string): LoadedTemplate {
  try {
    return loadTemplate(spec);
  } catch (e) {
    if (e instanceof TemplateSourceError) throw new CliError(e.message);
    throw e;
  }
}

export function initAction(dir: string, flags: InitFlags, io: CliIO): void {
  if (flags.list) return void (listTemplates(io), io.setExit(EXIT_OK));
  const template = load(flags.template);
  let artifacts;
  try {
    const values = templateValues(template, parseSets(flags.set, template), nameFromFolder(dir));
    artifacts = renderTemplate(template, values, Boolean(flags.provisioners));
  } catch (e) {
    if (e instanceof TemplateValueError) throw new CliError(e.message);
    throw e;
  }
  const shown = (p: string) => displayPath(join(dir, p));
  if (!flags.force) {
    const existing = artifacts.filter((a) => existsSync(join(dir, a.path))).map((a) => shown(a.path));
    if (existing.length) throw new CliError(`${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written (--force replaces ${existing.length === 1 ? "it" : "them"})`);
  }
  // The scaffold must pass `scorec check` before anything reaches the disk.
  const scoreFiles = artifacts.filter((a) => isScoreFileName(basename(a.path)));
  if (scoreFiles.length) {
    const result = check(scoreFiles.map((a) => ({ path: shown(a.path), contents: a.content })), { root: resolve(dir) });
    const code = exitCodeFor(result.diagnostics);
    if (code !== EXIT_OK) {
      io.err(formatResult(result, result.diagnostics, { format: "pretty", color: false, quiet: false }));
      io.err(`scorec: template ${template.name} rendered an invalid Score file; nothing was written\n`);
      return io.setExit(EXIT_FINDINGS);
    }
  }
  try {
    writeArtifacts(dir, artifacts);
  } catch (e) {
    if (e instanceof ArtifactPathError || e instanceof ArtifactWriteError) throw new CliError(`could not write the scaffold: ${e.message}`);
    throw e;
  }
  io.out(`created ${artifacts.map((a) => shown(a.path)).join(", ")} from template ${template.name}\n`);
  io.out(`next: scorec check ${displayPath(dir)} && scorec generate ${displayPath(dir)} -o out/\n`);
  io.setExit(EXIT_OK);
}
