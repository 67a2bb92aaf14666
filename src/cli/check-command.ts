// `scorec check [paths…]`: the lint gate.
import type { Command } from "commander";
import { check } from "../api/check.js";
import { useColor } from "./color.js";
import { exitCodeFor } from "./exit-codes.js";
import { FORMATS, formatResult } from "./output.js";
import { readInputs } from "./read-inputs.js";
import { parseLimitsOptions, wholeNumber, type CommonOptions } from "./common-options.js";

interface CheckFlags extends CommonOptions {
  format: string;
  quiet?: boolean;
  maxWarnings?: string;
  color?: boolean;
}

export function registerCheck(program: Command, io: { out: (s: string) => void; setExit: (n: number) => void }): void {
  program
    .command("check")
    .description("validate Score files (YAML, schema, semantics, policies) and report findings")
    .argument("[paths...]", "Score files or directories (default: .); - reads stdin")
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "pretty")
    .option("-q, --quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings")
    .option("--color", "force colour")
    .option("--no-color", "never colour")
    .option("--max-file-size <bytes>", "largest Score file accepted (default 5242880)")
    .action((paths: string[], flags: CheckFlags) => {
      const result = check(readInputs(paths), { limits: parseLimitsOptions(flags) });
      const maxWarnings = flags.maxWarnings === undefined ? undefined : wholeNumber(flags.maxWarnings, "--max-warnings");
      io.out(formatResult(result, result.diagnostics, { format: flags.format, color: useColor(flags.color), quiet: Boolean(flags.quiet) }));
      io.setExit(exitCodeFor(result.diagnostics, { maxWarnings }));
    });
}


