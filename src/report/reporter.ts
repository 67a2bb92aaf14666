// The reporter interface and the table of formats. Reporters only format messages: pure functions of
// their input, no I/O, no clock, colour only when asked, and the same bytes for the same findings.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleMeta } from "../diagnostics/rules.js";
import { githubReporter } from "./github.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { prettyReporter } from "./pretty.js";
import { sarifReporter } from "./sarif.js";
import { tapReporter } from "./tap.js";

export { summarize, type Summary } from "./summary.js";

export interface ReportInput {
  /** All findings, suppressed ones included (flagged). Any order: reporters sort. */
  diagnostics: Diagnostic[];
  /** Every input file checked, also those without findings; `text` enables code frames. */
  files: { path: string; text?: string }[];
  /** Metadata of rules, for SARIF rules[] and help text. */
  rules: RuleMeta[];
  tool: { name: string; version: string; informationUri?: string };
}

export interface FormatOptions {
  color?: boolean;
  /** Errors only: warnings and infos are dropped before formatting, in every format. */
  quiet?: boolean;
}

export interface Reporter {
  name: string;
  format(input: ReportInput, opts: FormatOptions): string;
}

export type ReporterName = "pretty" | "json" | "sarif" | "github" | "junit" | "tap";

export const reporters: Record<ReporterName, Reporter> = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  junit: junitReporter,
  tap: tapReporter,
};
