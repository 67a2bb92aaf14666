// The work of `scorec graph`: provision (no emit) for one target and environment, build the graph model,
// print it in the chosen format, or write it with the artifact writer (-o FILE). Findings are marked in
// the graph and listed on stderr; errors make the exit code 1 as for `check`.
import { basename, dirname, resolve } from "node:path";
import { generate, UnknownTargetError } from "../api/generate.js";
import { ArtifactPathError, ArtifactWriteError, writeArtifacts } from "../emit/artifact-writer.js";
import { buildGraph } from "../graph/graph-model.js";
import { toHtml } from "../graph/html-format.js";
import { toDot, toMermaid } from "../graph/text-formats.js";
import { toJson } from "../emit/json-writer.js";
import { loadConfigOrFail } from "./config.js";
import { CliError, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import { formatResult } from "./output.js";
import { readInputs } from "./read-inputs.js";

export interface GraphFlags {
  format: string;
  target?: string;
  env?: string;
  provisioners: string[];
  output?: string;
}

const FORMATS = { mermaid: toMermaid, dot: toDot, json: (g: Parameters<typeof toMermaid>[0]) => toJson(g), html: toHtml } as const;

export async function graphAction(paths: string[], flags: GraphFlags, io: CliIO): Promise<void> {
  const format = FORMATS[flags.format as keyof typeof FORMATS];
  if (!Object.prototype.hasOwnProperty.call(FORMATS, flags.format)) throw new CliError(`--format takes mermaid, dot, html or json, got "${flags.format}"`);
  const root = process.cwd();
  const config = loadConfigOrFail(root).config;
  const target = flags.target ?? config.target ?? "compose";
  const environment = flags.env ?? config.environment ?? "dev";
  let result;
  try {
    result = await generate(readInputs(paths), {
      target,
      outputDir: ".",
      environment,
      seed: config.seed,
      provisioners: [...flags.provisioners, ...(config.provisioners ?? []).map((p) => resolve(root, p))],
      root,
      emit: false,
    });
  } catch (e) {
    if (e instanceof UnknownTargetError) throw new CliError(e.message);
    throw e;
  }
  const text = format(buildGraph(result, target, environment));
  if (result.diagnostics.length) io.err(formatResult(result, result.diagnostics, { format: "pretty", color: false, quiet: false }));
  if (flags.output && flags.output !== "-") {
    try {
      writeArtifacts(dirname(resolve(flags.output)), [{ path: basename(flags.output), content: text }]);
    } catch (e) {
      if (e instanceof ArtifactPathError || e instanceof ArtifactWriteError) throw new CliError(`could not write ${flags.output}: ${e.message}`);
      throw e;
    }
  } else io.out(text);
  io.setExit(exitCodeFor(result.diagnostics) === EXIT_OK ? EXIT_OK : exitCodeFor(result.diagnostics));
}
