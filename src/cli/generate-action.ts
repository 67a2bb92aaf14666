// The work of `scorec generate`, loaded only when that command runs: compile, then write atomically,
// print (-o -), or compare with what is on disk (--check, the CI drift gate).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYamlText } from "yaml";
import { generate, UnknownTargetError } from "../api/generate.js";
import { parseOverrideProperty, type Override } from "../check/overrides.js";
import { checkDrift } from "../emit/drift.js";
import { printArtifacts, writeArtifacts } from "../emit/artifact-writer.js";
import { useColor } from "./color.js";
import { parseLimitsOptions, wholeNumber, type CommonOptions } from "./common-options.js";
import { loadConfigOrFail } from "./config.js";
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
  provisioners: string[];
  allowCmdProvisioners?: boolean;
  cmdTimeout?: string;
  image?: string;
  build: string[];
  publish: string[];
  overrideProperty: string[];
  overridesFile?: string;
  projectName?: string;
  check?: boolean;
  format: string;
  color?: boolean;
}

function parseBuild(specs: string[]): Record<string, string> | undefined {
  if (!specs.length) return undefined;
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new CliError(`--build takes CONTAINER=DIR (or WORKLOAD.CONTAINER=DIR), got "${s}"`);
    out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

function parsePublish(specs: string[]) {
  return specs.map((s) => {
    const m = /^(\d+):([a-z0-9][a-z0-9-]*):(\d+)$/.exec(s);
    if (!m) throw new CliError(`--publish takes HOST_PORT:WORKLOAD:PORT, got "${s}"`);
    return { hostPort: Number(m[1]), workload: m[2]!, port: Number(m[3]) };
  });
}

function parseOverrides(flags: GenerateFlags): Override[] {
  const out: Override[] = [];
  if (flags.overridesFile) {
    let text: string;
    try {
      text = readFileSync(flags.overridesFile, "utf8");
    } catch {
      throw new CliError(`cannot read --overrides-file ${flags.overridesFile}`);
    }
    try {
      out.push({ kind: "patch", patch: parseYamlText(text) });
    } catch (e) {
      throw new CliError(`--overrides-file ${flags.overridesFile} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  for (const p of flags.overrideProperty) {
    const o = parseOverrideProperty(p);
    if (typeof o === "string") throw new CliError(o);
    out.push(o);
  }
  return out;
}


export async function generateAction(paths: string[], flags: GenerateFlags, io: CliIO): Promise<void> {
      const root = process.cwd();
      const config = loadConfigOrFail(root);
      const overrides = parseOverrides(flags);
      const inputs = readInputs(paths);
      if (overrides.length && inputs.length !== 1) throw new CliError("--override-property and --overrides-file apply to exactly one Score file");
      let result;
      try {
        result = await generate(inputs, {
          target: flags.target ?? config.target ?? "compose",
          outputDir: flags.output,
          environment: flags.env ?? config.environment,
          seed: flags.seed ?? config.seed,
          provisioners: [...flags.provisioners, ...(config.provisioners ?? []).map((p) => resolve(root, p))],
          root,
          allowCmdProvisioners: Boolean(flags.allowCmdProvisioners),
          cmdTimeoutMs: wholeNumber(flags.cmdTimeout ?? "30000", "--cmd-timeout"),
          image: flags.image,
          build: parseBuild(flags.build),
          publish: parsePublish(flags.publish),
          overrides,
          projectName: flags.projectName,
          limits: { ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}), ...parseLimitsOptions(flags) },
        });
      } catch (e) {
        if (e instanceof UnknownTargetError) throw new CliError(e.message);
        throw e;
      }
      const shown = result.diagnostics.filter((d) => d.severity !== "info" || result.diagnostics.some((x) => x.severity === "error"));
      if (shown.length) io.err(formatResult(result, shown, { format: flags.format, color: useColor(flags.color, process.stderr), quiet: false }));
      const code = exitCodeFor(result.diagnostics);
      if (code !== EXIT_OK || !result.artifacts) return io.setExit(code === EXIT_OK ? EXIT_FINDINGS : code);
      for (const line of infoLogs(result.provision)) io.err(`scorec: info: ${line}\n`);
      if (flags.output === "-") {
        io.out(printArtifacts(result.artifacts));
        return io.setExit(EXIT_OK);
      }
      if (flags.check) {
        let drift;
        try {
          drift = checkDrift(flags.output, result.artifacts);
        } catch (e) {
          throw new CliError(`cannot compare the output: ${(e as Error).message}`);
        }
        if (drift.stale) {
          io.out(drift.diff);
          io.err(`scorec: ${flags.output} is stale: run scorec generate without --check to update it\n`);
          return io.setExit(EXIT_FINDINGS);
        }
        return io.setExit(EXIT_OK);
      }
      try {
        const w = writeArtifacts(flags.output, result.artifacts);
        io.err(`scorec: wrote ${w.written.length} file(s), ${w.unchanged.length} unchanged, in ${flags.output}\n`);
      } catch (e) {
        throw new CliError(`could not write the output: ${(e as Error).message}`);
      }
      io.setExit(EXIT_OK);
}
