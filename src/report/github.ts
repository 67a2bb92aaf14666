// `--format github`: GitHub Actions workflow commands, which the runner turns into annotations.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { prepare } from "./prepare.js";
import type { Reporter } from "./reporter.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/** Same escaping as @actions/core's escapeData: the runner decodes exactly these. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** @actions/core's escapeProperty: ":" and "," would otherwise end the property or the property list. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(d: Diagnostic): string {
  const { start, end } = d.range;
  const props: [string, string | number][] = [["file", d.file], ["line", start.line]];
  // GitHub's annotation API accepts columns only when start and end are on the same line.
  if (end.line === start.line) props.push(["col", start.column]);
  props.push(["endLine", end.line]);
  if (end.line === start.line) props.push(["endColumn", end.column]);
  props.push(["title", d.ruleId]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${COMMAND[d.severity]} ${list}::${escapeData(d.message)}`;
}

export const githubReporter: Reporter = {
  name: "github",
  format(input, opts) {
    // Suppressed findings would still show up as annotations on the PR, so they are left out.
    const lines = prepare(input, opts).diagnostics.filter((d) => !d.suppressed).map(command);
    return lines.length ? lines.join("\n") + "\n" : "";
  },
};
