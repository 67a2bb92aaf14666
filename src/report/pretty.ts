// `--format pretty` (the default): eslint-stylish-like findings per file, each with a code frame, then
// one summary line. Suppressed findings are only counted. Colour only when opts.color is set.
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import { paint, type Paint } from "./ansi.js";
import { codeFrame } from "./code-frame.js";
import { prepare } from "./prepare.js";
import type { Reporter } from "./reporter.js";
import { safeLine } from "./safe-text.js";
import { summarize, type Summary } from "./summary.js";

const SEVERITY_WIDTH = "warning".length;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function severityColor(p: Paint, s: Severity): (x: string) => string {
  return s === "error" ? p.red : s === "warning" ? p.yellow : p.blue;
}

export function summaryLine(s: Summary, p: Paint): string {
  const problems = s.errors + s.warnings + s.infos;
  const tail = s.suppressed ? `, ${s.suppressed} suppressed` : "";
  if (problems === 0) return p.green(`✔ no problems${tail}`);
  const parts = `(${plural(s.errors, "error", "errors")}, ${plural(s.warnings, "warning", "warnings")}, ${plural(s.infos, "info", "infos")})`;
  const text = `✖ ${plural(problems, "problem", "problems")} ${parts}${tail}`;
  return p.bold(s.errors ? p.red(text) : s.warnings ? p.yellow(text) : p.blue(text));
}

function finding(d: Diagnostic, posWidth: number, text: string | undefined, p: Paint): string[] {
  const pos = `${d.range.start.line}:${d.range.start.column}`.padEnd(posWidth);
  const color = severityColor(p, d.severity);
  const [first = "", ...rest] = d.message.split(/\r\n|\r|\n/).map(safeLine);
  const indent = " ".repeat(2 + posWidth + 2 + SEVERITY_WIDTH + 2);
  const out = [`  ${p.dim(pos)}  ${color(d.severity.padEnd(SEVERITY_WIDTH))}  ${first}  ${p.dim(safeLine(d.ruleId))}`];
  for (const line of rest) out.push(indent + line);
  const frame = codeFrame(text, d.range);
  if (frame.length) {
    // Gutter dim, marker in the finding's colour; the source text itself stays uncoloured.
    const frameIndent = " ".repeat(2 + posWidth + 2);
    for (const line of frame) {
      const body = line.kind === "marker" ? color(line.text) : line.text;
      out.push((frameIndent + p.dim(line.gutter) + (body ? " " + body : "")).trimEnd());
    }
  }
  return out;
}

function header(path: string): string {
  return path === "-" ? "<stdin>" : safeLine(path);
}

export const prettyReporter: Reporter = {
  name: "pretty",
  format(input, opts) {
    const p = paint(opts.color);
    const { diagnostics, files } = prepare(input, opts);
    const out: string[] = [];
    for (const f of files) {
      const shown = f.diagnostics.filter((d) => !d.suppressed);
      if (!shown.length) continue;
      const posWidth = Math.max(...shown.map((d) => `${d.range.start.line}:${d.range.start.column}`.length));
      out.push(p.underline(header(f.path)));
      for (const d of shown) out.push(...finding(d, posWidth, f.text, p));
      out.push("");
    }
    out.push(summaryLine(summarize(diagnostics), p));
    return out.join("\n") + "\n";
  },
};
