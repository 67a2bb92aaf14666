// `scorec resources list` and `scorec resources get-outputs UID`. score-compose reads these from its state
// folder; scorec keeps no state, so both run generate's pipeline (same inputs, provisioners, --env, seed and
// target) up to provisioning, write nothing, and print what it provisioned.
import { generate, type GenerateResult } from "../api/generate.js";
import type { ProvisionedResource } from "../emit/target.js";
import { toYaml } from "../emit/yaml-writer.js";
import { isSecretOutputName } from "../provision/secret-outputs.js";
import { parseTemplate, TemplateError } from "../template/index.js";
import { suggest } from "../validate/human-path.js";
import { configPaths, loadConfigOrFail } from "./config.js";
import { parseLimitsOptions, wholeNumber, type CommonOptions } from "./common-options.js";
import { CliError, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import { chooseSeed } from "./generate-action.js";
import type { CliIO } from "./main.js";
import { formatResult } from "./output.js";
import { readInputs } from "./read-inputs.js";
import { table } from "./table.js";

export interface ResourcesFlags extends CommonOptions {
  target?: string;
  provisioners: string[];
  env?: string;
  seed?: string;
  seedFile?: string;
  allowCmdProvisioners?: boolean;
  cmdTimeout?: string;
  projectName?: string;
  format: string;
  config?: string;
  showSecrets?: boolean;
}

/** Provisions as `generate` would (nothing emitted or written); prints the errors and returns undefined when any. */
async function provision(paths: string[], flags: ResourcesFlags, io: CliIO): Promise<GenerateResult | undefined> {
  const root = process.cwd();
  const inputs = readInputs(paths);
  const loaded = loadConfigOrFail(inputs, flags.config);
  const config = loaded.config;
  const result = await generate(inputs, {
    target: flags.target ?? config.target ?? "compose",
    outputDir: ".",
    environment: flags.env ?? config.environment,
    seed: chooseSeed(flags, config.seed, process.env),
    provisioners: [...flags.provisioners, ...configPaths(loaded, "provisioners")],
    root,
    allowCmdProvisioners: Boolean(flags.allowCmdProvisioners),
    cmdTimeoutMs: wholeNumber(flags.cmdTimeout ?? "30000", "--cmd-timeout"),
    projectName: flags.projectName,
    limits: { ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}), ...parseLimitsOptions(flags) },
    emit: false, // provisioning is all these commands need
  });
  const code = exitCodeFor(result.diagnostics);
  if (code !== EXIT_OK) {
    io.err(formatResult(result, result.diagnostics.filter((d) => d.severity === "error"), { format: "pretty", color: false, quiet: true }));
    io.setExit(code);
    return undefined;
  }
  return result;
}

export async function resourcesListAction(paths: string[], flags: ResourcesFlags, io: CliIO): Promise<void> {
  if (flags.format !== "table" && flags.format !== "json") throw new CliError(`--format takes table or json, got "${flags.format}"`);
  const result = await provision(paths, flags, io);
  if (!result) return;
  const resources = [...(result.provision?.resources.values() ?? [])].map((r) => ({
    uid: r.uid,
    type: r.type,
    class: r.class,
    id: r.id,
    workloads: r.workloads,
    provisioner: r.provisioner.uri,
    outputs: Object.keys(r.outputs).sort(),
  }));
  if (flags.format === "json") io.out(JSON.stringify({ version: 1, resources }, null, 2) + "\n");
  else io.out(table(["UID", "WORKLOADS", "PROVISIONER", "OUTPUTS"], resources.map((r) => [r.uid, r.workloads.join(","), r.provisioner, r.outputs.join(",")])));
  io.setExit(EXIT_OK);
}

export const SECRET_MASK = "(secret, masked: --show-secrets prints it)";

/**
 * The outputs with secrets masked: outputs the provisioner marks secret (by name: password, token…), and any
 * other string output that contains a secret's value (a connection URI embedding the password).
 */
export function maskSecrets(r: Pick<ProvisionedResource, "outputs" | "secretOutputs">): { outputs: Record<string, unknown>; masked: string[] } {
  const secretNames = new Set([...r.secretOutputs, ...Object.keys(r.outputs).filter(isSecretOutputName)]);
  const secretValues = [...secretNames].map((n) => r.outputs[n]).filter((v): v is string => typeof v === "string" && v.length >= 4);
  const leaks = (v: unknown): boolean =>
    typeof v === "string" ? secretValues.some((s) => v.includes(s)) : v !== null && typeof v === "object" ? Object.values(v).some(leaks) : false;
  const masked: string[] = [];
  const outputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.outputs)) {
    const hide = secretNames.has(k) || leaks(v);
    if (hide) masked.push(k);
    outputs[k] = hide ? SECRET_MASK : v;
  }
  return { outputs, masked: masked.sort() };
}

/** Go's encoding/json with SetIndent("", "  "): sorted keys, and <, >, & and U+2028/9 escaped. */
export function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  const escapes: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };
  return JSON.stringify(sorted(value), null, 2).replace(/[<>&\u2028\u2029]/g, (c) => escapes[c]!) + "\n";
}

/** score-compose's `--format`: json, yaml, or a Go template over the outputs (a newline is added when missing). */
export function formatOutputs(outputs: Record<string, unknown>, format: string): string {
  if (format === "json") return goJson(outputs);
  if (format === "yaml") return toYaml(outputs);
  const text = format.endsWith("\n") ? format : format + "\n";
  let t;
  try {
    t = parseTemplate(text, { name: "format" });
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`--format is neither json, yaml nor a valid Go template: ${e.message}`);
    throw e;
  }
  try {
    return t.execute(outputs);
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(`--format template failed: ${e.failMessage ?? e.message}`);
    throw e;
  }
}

export async function resourcesGetOutputsAction(uid: string, paths: string[], flags: ResourcesFlags, io: CliIO): Promise<void> {
  const result = await provision(paths, flags, io);
  if (!result) return;
  const provision_ = result.provision!;
  const r = provision_.resources.get(uid);
  if (!r) {
    if (provision_.unknownOutputs?.has(uid)) throw new CliError(`resource "${uid}" is provisioned by a cmd:// program, which runs only with --allow-cmd-provisioners`);
    const uids = [...provision_.resources.keys(), ...(provision_.unknownOutputs ?? [])].sort();
    const hint = suggest(uid, uids) ?? uids.find((u) => u.endsWith(`.${uid}`) || u.endsWith(`#${uid}`));
    const known = uids.length ? ` (resources: ${uids.join(", ")})` : " (these Score files have no resources)";
    throw new CliError(`no such resource "${uid}"${hint ? ` — did you mean "${hint}"?` : known}`);
  }
  const { outputs, masked } = flags.showSecrets ? { outputs: r.outputs, masked: [] } : maskSecrets(r);
  io.out(formatOutputs(outputs, flags.format));
  if (masked.length) io.err(`scorec: ${masked.length} secret output(s) masked (${masked.join(", ")}): --show-secrets prints them\n`);
  io.setExit(EXIT_OK);
}
