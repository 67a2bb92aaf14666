// Formats findings with one of the reporters and writes them: the only place check results are printed.
import { byCodePoint, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleMeta } from "../diagnostics/rules.js";
import { packageVersion } from "../package-root.js";
import type { PipelineResult } from "../pipeline/processor.js";
import { reporters } from "../report/reporter.js";
import { CliError } from "./exit-codes.js";

export const FORMATS = ["pretty", "json", "sarif", "github", "junit", "tap"] as const;
export type FormatName = (typeof FORMATS)[number];

export interface OutputOptions {
  format: string;
  color: boolean;
  quiet: boolean;
  rules?: RuleMeta[];
}

export function formatResult(result: PipelineResult, diagnostics: Diagnostic[], opts: OutputOptions): string {
  const reporter = (reporters as Record<string, (typeof reporters)[FormatName]>)[opts.format];
  if (!reporter) throw new CliError(`unknown format "${opts.format}" (choose one of: ${FORMATS.join(", ")})`);
  const files = result.tree.inputs
    .map((i) => ({ path: i.path, text: i.source?.text }))
    .sort((a, b) => byCodePoint(a.path, b.path));
  return reporter.format(
    {
      diagnostics,
      files,
      rules: opts.rules ?? [],
      tool: { name: "scorec", version: packageVersion() },
    },
    { color: opts.color, quiet: opts.quiet },
  );
}
