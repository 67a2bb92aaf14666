// The work of `scorec generate`, loaded only when that command runs: compile, then write atomically,
// print (-o -), or compare with what is on disk (--check, the CI drift gate).
import { readFileSync } from "node:fs";
import { LineCounter, parse as parseYamlText, parseAllDocuments, type Document } from "yaml";
import { generate, UnknownTargetError } from "../api/generate.js";
import { forbiddenKeyMessage, forbiddenPatchKey, parseOverrideProperty, type Override } from "../check/overrides.js";
import { SourceFile, toPointer } from "../parse/source-file.js";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { parseBuildFlags } from "../emit/build-flags.js";
import { parsePublishFlag } from "../emit/publish-flags.js";
import { TargetOptionError, type PublishSpec } from "../emit/target.js";
import { checkDrift } from "../emit/drift.js";
import { loadTarget } from "../emit/targets.js";
import { printArtifacts, writeArtifacts } from "../emit/artifact-writer.js";
import { useColor } from "./color.js";
import { parseLimitsOptions, wholeNumber, type CommonOptions } from "./common-options.js";
import { configPaths, loadConfigOrFail } from "./config.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import { formatResult } from "./output.js";
import { infoLogs } from "../provision/info-logs.js";
import { readInputs } from "./read-inputs.js";
import type { CliIO } from "./main.js";

export interface GenerateFlags extends CommonOptions {
  target?: string;
  output: string;
  env?: string;
  seed?: string;
  seedFile?: string;
  provisioners: string[];
  allowCmdProvisioners?: boolean;
  cmdTimeout?: string;
  image?: string;
  build: string[];
  publish: string[];
  overrideProperty: string[];
  overridesFile?: string;
  patchTemplates: string[];
  projectName?: string;
  writeChart?: boolean;
  check?: boolean;
  format: string;
  color?: boolean;
  config?: string;
}

/**
 * The seed of generated names and passwords: --seed, else --seed-file (its content without the final line
 * break), else SCOREC_SEED, else the config's `seed`, else scorec's public default (dev use only).
 */
export function chooseSeed(flags: Pick<GenerateFlags, "seed" | "seedFile">, configSeed: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (flags.seed !== undefined && flags.seedFile !== undefined) throw new CliError("--seed and --seed-file exclude each other");
  if (flags.seed !== undefined) return flags.seed;
  if (flags.seedFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.seedFile, "utf8");
    } catch {
      throw new CliError(`cannot read --seed-file ${flags.seedFile}`);
    }
    const seed = text.replace(/\r?\n$/, "");
    if (!seed) throw new CliError(`--seed-file ${flags.seedFile} is empty`);
    return seed;
  }
  if (env.SCOREC_SEED) return env.SCOREC_SEED;
  return configSeed;
}

function parsePublish(specs: string[]): PublishSpec[] {
  return specs.map((spec, i) => {
    const p = parsePublishFlag(spec);
    if (typeof p === "string") throw new CliError(`--publish[${i}] "${spec}": ${p}`);
    return p;
  });
}

/** "line:column" of a key of the overrides file, for a positioned usage error. */
function patchKeyPlace(text: string, path: string[]): string {
  const lineCounter = new LineCounter();
  const source = new SourceFile("overrides", text, { lineCounter, documents: parseAllDocuments(text, { lineCounter, logLevel: "error" }) as Document.Parsed[] });
  const { start } = source.rangeOfPointer(0, toPointer(path), { key: true });
  return `${start.line}:${start.column}`;
}

function parseOverrides(flags: GenerateFlags, maxFileSize: number): Override[] {
  const out: Override[] = [];
  if (flags.overridesFile) {
    let text: string;
    try {
      text = readFileBounded(flags.overridesFile, maxFileSize).toString("utf8");
    } catch (e) {
      throw new CliError(`cannot read --overrides-file ${flags.overridesFile}: ${e instanceof ReadRefusal ? e.message : String(e)}`);
    }
    let patch: unknown;
    try {
      patch = parseYamlText(text, { logLevel: "error" }); // no process warning on stderr for odd keys
    } catch (e) {
      throw new CliError(`--overrides-file ${flags.overridesFile} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    const bad = forbiddenPatchKey(patch);
    if (bad) throw new CliError(`${flags.overridesFile}:${patchKeyPlace(text, bad)}: ${forbiddenKeyMessage(bad[bad.length - 1]!)}`);
    out.push({ kind: "patch", patch });
  }
  for (const p of flags.overrideProperty) {
    const o = parseOverrideProperty(p);
    if (typeof o === "string") throw new CliError(o);
    out.push(o);
  }
  return out;
}


export async function generateAction(paths: string[], flags: GenerateFlags, io: CliIO): Promise<void> {
      if (flags.check && flags.output === "-") throw new CliError("--check compares the output folder with what would be written: it cannot be used with -o - (stdout)");
      const root = process.cwd();
      const inputs = readInputs(paths);
      const loaded = loadConfigOrFail(inputs, flags.config);
      const config = loaded.config;
      const limits = { ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}), ...parseLimitsOptions(flags) };
      const overrides = parseOverrides(flags, limits.maxFileSize ?? DEFAULT_LIMITS.maxFileSize);
      // As score-compose: --image and --build name containers, which is ambiguous across several Score files.
      if (inputs.length > 1) {
        if (flags.image) throw new CliError("--image cannot be used when multiple score files are provided");
        if (flags.build.length) throw new CliError("--build cannot be used when multiple score files are provided");
      }
      const build = parseBuildFlags(flags.build, root, flags.output);
      if (typeof build === "string") throw new CliError(build);
      if (overrides.length && inputs.length !== 1) throw new CliError("--override-property and --overrides-file apply to exactly one Score file");
      const target = flags.target ?? config.target ?? "compose";
      let result;
      try {
        result = await generate(inputs, {
          target,
          outputDir: flags.output,
          environment: flags.env ?? config.environment,
          seed: chooseSeed(flags, config.seed, process.env),
          provisioners: [...flags.provisioners, ...configPaths(loaded, "provisioners")],
          root,
          allowCmdProvisioners: Boolean(flags.allowCmdProvisioners),
          cmdTimeoutMs: wholeNumber(flags.cmdTimeout ?? "30000", "--cmd-timeout"),
          image: flags.image,
          build,
          publish: parsePublish(flags.publish),
          overrides,
          projectName: flags.projectName,
          writeChart: flags.writeChart,
          patchTemplates: flags.patchTemplates,
          limits,
        });
      } catch (e) {
        if (e instanceof UnknownTargetError || e instanceof TargetOptionError) throw new CliError(e.message);
        throw e;
      }
      const shown = result.diagnostics.filter((d) => d.severity !== "info" || result.diagnostics.some((x) => x.severity === "error"));
      if (shown.length) io.err(formatResult(result, shown, { format: flags.format, color: useColor(flags.color, process.stderr), quiet: false }));
      const code = exitCodeFor(result.diagnostics);
      if (code !== EXIT_OK || !result.artifacts) return io.setExit(code === EXIT_OK ? EXIT_FINDINGS : code);
      // What provisioners say about using their resources; a --check run is a gate and says only its verdict.
      if (!flags.check) for (const line of infoLogs(result.provision)) io.err(`scorec: info: ${line}\n`);
      if (flags.output === "-") {
        io.out(printArtifacts(result.artifacts, await loadTarget(target)));
        return io.setExit(EXIT_OK);
      }
      // The manifest is kept per target, so two targets may share an output folder without pruning each other.
      const manifest = { manifest: target };
      if (flags.check) {
        let drift;
        try {
          drift = checkDrift(flags.output, result.artifacts, manifest);
        } catch (e) {
          throw new CliError(`cannot compare the output: ${(e as Error).message}`);
        }
        if (drift.stale) {
          io.out(drift.diff);
          const counts = `${drift.missing.length} missing, ${drift.changed.length} changed, ${drift.leftover.length} stale (left by an earlier run)`;
          io.err(`scorec: ${flags.output} is out of date (${counts}): run scorec generate without --check to update it\n`);
          return io.setExit(EXIT_FINDINGS);
        }
        io.err(`scorec: ${flags.output} is up to date (${result.artifacts.length} file(s) checked)\n`);
        return io.setExit(EXIT_OK);
      }
      try {
        const w = writeArtifacts(flags.output, result.artifacts, undefined, manifest);
        for (const k of w.kept) io.err(`scorec: left ${k.path} in place although it is no longer generated: ${k.reason}\n`);
        const removed = w.pruned.length ? `, ${w.pruned.length} removed` : "";
        io.err(`scorec: wrote ${w.written.length} file(s), ${w.unchanged.length} unchanged${removed}, in ${flags.output}\n`);
      } catch (e) {
        throw new CliError(`could not write the output: ${(e as Error).message}`);
      }
      io.setExit(EXIT_OK);
}
