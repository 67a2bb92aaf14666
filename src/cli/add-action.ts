// The work of `scorec add resource NAME --type T`: edit the Score file in place (text splice, see
// add-resource.ts), refuse a type no provisioner of the target provides (unless --force), prove the edited
// file checks, write it through the artifact writer, and say which outputs the new resource offers.
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { check } from "../api/check.js";
import { generate } from "../api/generate.js";
import { ArtifactPathError, ArtifactWriteError, writeArtifacts } from "../emit/artifact-writer.js";
import { loadTarget, TARGET_NAMES } from "../emit/targets.js";
import { displayPath } from "../load/discover.js";
import { listAlternatives } from "../placeholders/substitute.js";
import { loadProvisioners, projectProvisionerPaths } from "../provision/load-provisioners.js";
import { matches, type LoadedProvisioner } from "../provision/provisioner.js";
import { resourceUid } from "../provision/resource-graph.js";
import { addResource, AddResourceError, parseParam, type NewResource } from "../scaffold/add-resource.js";
import { scoreNamePatterns } from "../scaffold/score-names.js";
import { loadConfigOrFail } from "./config.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import { formatResult } from "./output.js";

export interface AddResourceFlags {
  type: string;
  class?: string;
  id?: string;
  param: string[];
  file: string;
  target?: string;
  env?: string;
  provisioners: string[];
  force?: boolean;
}

function readScoreFile(path: string): { text: string; mode: number } {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new CliError(`${displayPath(path)} is not a file`);
    return { text: readFileSync(path, "utf8"), mode: st.mode & 0o7777 };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${displayPath(path)}: no such file (give the Score file with --file)`);
  }
}

function newResource(name: string, flags: AddResourceFlags): NewResource {
  const p = scoreNamePatterns();
  const bad = (what: string, value: string, re: RegExp, rule: string) => {
    if (!re.test(value)) throw new CliError(`${what} "${value}" is not valid: ${rule}`);
  };
  bad("resource name", name, p.resourceName, "2-63 characters a-z, 0-9 and -, starting and ending with a letter or digit");
  bad("--type", flags.type, p.type, "2-63 characters A-Z, a-z, 0-9 and -, starting and ending with a letter or digit");
  if (flags.class !== undefined) bad("--class", flags.class, p.class, "2-63 characters A-Z, a-z, 0-9 and -, starting and ending with a letter or digit");
  if (flags.id !== undefined) bad("--id", flags.id, p.id, "2-63 characters: labels of a-z, 0-9 and - separated by dots");
  const params: Record<string, unknown> = {};
  for (const spec of flags.param) {
    try {
      const [k, v] = parseParam(spec);
      if (Object.prototype.hasOwnProperty.call(params, k)) throw new CliError(`--param ${k} is given twice`);
      params[k] = v;
    } catch (e) {
      if (e instanceof AddResourceError) throw new CliError(e.message);
      throw e;
    }
  }
  return { name, type: flags.type, class: flags.class, id: flags.id, params };
}

export async function addResourceAction(name: string, flags: AddResourceFlags, io: CliIO): Promise<void> {
  const root = process.cwd();
  const config = loadConfigOrFail(root).config;
  const file = resolve(root, flags.file);
  const shown = displayPath(file);
  const resource = newResource(name, flags);
  const { text, mode } = readScoreFile(file);
  const targetName = flags.target ?? config.target ?? "compose";
  const target = await loadTarget(targetName);
  if (!target) throw new CliError(`unknown target "${targetName}" (choose one of: ${TARGET_NAMES.join(", ")})`);
  const environment = flags.env ?? config.environment ?? "dev";
  const provisionerPaths = [...flags.provisioners, ...(config.provisioners ?? []).map((p) => resolve(root, p))];
  const set = loadProvisioners({ builtInDir: target.defaultProvisionersDir, paths: projectProvisionerPaths(dirname(file), provisionerPaths) });

  let edited: string;
  try {
    edited = addResource(text, resource);
  } catch (e) {
    if (e instanceof AddResourceError) throw new CliError(`cannot add resource "${name}" to ${shown}: ${e.message}`);
    throw e;
  }
  const before = check([{ path: shown, contents: text }], { root });
  if (exitCodeFor(before.diagnostics) !== EXIT_OK) {
    io.err(formatResult(before, before.diagnostics, { format: "pretty", color: false, quiet: true }));
    io.err(`scorec: ${shown} has errors; fix them before adding a resource (nothing was written)\n`);
    return io.setExit(EXIT_FINDINGS);
  }
  const workload = String(((before.tree.workloads[0]?.raw.metadata ?? {}) as Record<string, unknown>).name ?? "");
  const key = { type: resource.type, class: resource.class ?? "default", id: resource.id ?? `${workload}.${name}` };
  const provisioner = set.provisioners.find((p) => matches(p.spec, key, environment));
  if (!provisioner && !flags.force) {
    const types = [...new Set(set.provisioners.filter((p) => !p.spec.environments || p.spec.environments.includes(environment)).map((p) => p.spec.type))].sort();
    throw new CliError(`no provisioner of target ${target.name} provides type "${resource.type}"${resource.class ? ` class "${resource.class}"` : ""} in environment "${environment}" (types: ${listAlternatives(types)}); --force adds it anyway`);
  }
  const after = check([{ path: shown, contents: edited }], { root });
  if (exitCodeFor(after.diagnostics) !== EXIT_OK) {
    io.err(formatResult(after, after.diagnostics, { format: "pretty", color: false, quiet: true }));
    io.err(`scorec: ${shown} would not be valid with resource "${name}"; nothing was written\n`);
    return io.setExit(EXIT_FINDINGS);
  }
  try {
    writeArtifacts(dirname(file), [{ path: basename(file), content: edited, mode }]);
  } catch (e) {
    if (e instanceof ArtifactPathError || e instanceof ArtifactWriteError) throw new CliError(`could not write ${shown}: ${e.message}`);
    throw e;
  }
  io.out(`added resource "${name}" (type ${resource.type}${resource.class ? `, class ${resource.class}` : ""}) to ${shown}\n`);
  io.out(await describeOutputs(name, resource, key, provisioner, { shown, edited, root, targetName: target.name, environment, provisionerPaths, set }));
  io.setExit(EXIT_OK);
}

interface OutputsContext {
  shown: string;
  edited: string;
  root: string;
  targetName: string;
  environment: string;
  provisionerPaths: string[];
  set: ReturnType<typeof loadProvisioners>;
}

/** The outputs the resource offers: from a provisioning run of the edited file, else the provisioner's expected_outputs. */
async function describeOutputs(name: string, r: NewResource, key: { type: string; class: string; id: string }, p: LoadedProvisioner | undefined, c: OutputsContext): Promise<string> {
  if (!p) return `no provisioner of target ${c.targetName} provides it in environment "${c.environment}" yet (added with --force): its outputs are unknown\n`;
  let outputs: string[] | undefined;
  let from = "as provisioned";
  const result = await generate([{ path: c.shown, contents: c.edited }], { target: c.targetName, outputDir: ".", environment: c.environment, root: c.root, loadedProvisioners: c.set, emit: false });
  const done = result.provision?.resources.get(resourceUid(key.type, r.class, key.id));
  if (done) outputs = Object.keys(done.outputs).sort();
  else if (p.spec.expected_outputs) {
    outputs = [...p.spec.expected_outputs].sort();
    from = "the provisioner's expected_outputs";
  }
  const lines = [`provisioner for target ${c.targetName} (environment ${c.environment}): ${p.spec.uri} in ${p.file}`];
  // A provisioner that fails on the new resource is worth knowing now, not at the next generate.
  const failed = result.diagnostics.find((d) => d.severity === "error" && d.ruleId === "provision/failed" && d.pointer === `/resources/${name}/type`);
  if (failed) lines.push(`warning: provisioning it failed: ${failed.message}`);
  if (!outputs?.length) {
    lines.push("outputs: none known (the provisioner declares no expected_outputs)");
    return lines.join("\n") + "\n";
  }
  const width = Math.max(...outputs.map((o) => o.length));
  lines.push(`outputs (${from}):`);
  for (const o of outputs) lines.push(`  ${o.padEnd(width)}  \${resources.${name}.${o}}`);
  const example = outputs.find((o) => o === "host" || o === "url" || o === "uri") ?? outputs[0]!;
  const variable = `${name}_${example}`.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  lines.push("reference one from a container, e.g.:", "  variables:", `    ${variable}: \${resources.${name}.${example}}`);
  return lines.join("\n") + "\n";
}
