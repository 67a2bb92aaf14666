// `--format tap`: TAP version 13, one test point per checked file. A file is "not ok" when it has an
// unsuppressed error (the same condition that fails the run); its findings, warnings and suppressed ones
// included, go in the YAML diagnostic block.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { prepare } from "./prepare.js";
import type { Reporter } from "./reporter.js";

/** JSON strings are valid YAML double-quoted scalars, and quoting every string avoids YAML's type guessing. */
function q(s: string): string {
  return JSON.stringify(s);
}

/** A test point's description ends at a line break, and "#" would start a directive (TAP 13). */
function description(path: string): string {
  return path.replace(/\\/g, "\\\\").replace(/#/g, "\\#").replace(/\r\n|\r|\n/g, " ");
}

function findingYaml(d: Diagnostic): string[] {
  const lines = [
    `    - ruleId: ${q(d.ruleId)}`,
    `      severity: ${d.severity}`,
    `      message: ${q(d.message)}`,
    `      line: ${d.range.start.line}`,
    `      column: ${d.range.start.column}`,
    `      endLine: ${d.range.end.line}`,
    `      endColumn: ${d.range.end.column}`,
  ];
  if (d.pointer !== undefined) lines.push(`      pointer: ${q(d.pointer)}`);
  if (d.url !== undefined) lines.push(`      url: ${q(d.url)}`);
  if (d.suppressed) lines.push("      suppressed: true");
  return lines;
}

export const tapReporter: Reporter = {
  name: "tap",
  format(input, opts) {
    const { files } = prepare(input, opts);
    const out = ["TAP version 13", `1..${files.length}`];
    files.forEach((f, i) => {
      const failed = f.diagnostics.some((d) => d.severity === "error" && !d.suppressed);
      out.push(`${failed ? "not ok" : "ok"} ${i + 1} - ${description(f.path)}`);
      if (f.diagnostics.length) out.push("  ---", "  findings:", ...f.diagnostics.flatMap(findingYaml), "  ...");
    });
    return out.join("\n") + "\n";
  },
};
