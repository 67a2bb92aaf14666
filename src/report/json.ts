// `--format json`: a stable, versioned shape for scripts.
//
// Shape (version 1). Two-space indented, one trailing newline, keys always in this order:
//
//   {
//     "version": 1,
//     "tool": { "name": "scorec", "version": "0.1.0", "informationUri"?: "…" },
//     "files": [
//       { "path": "app/score.yaml",
//         "diagnostics": [
//           { "ruleId": "policy/image-pinned", "severity": "error" | "warning" | "info",
//             "message": "…", "source": "yaml" | "schema" | "score" | "provision" | "policy" | "config" | "io",
//             "range": { "start": { "line": 3, "column": 5 }, "end": { "line": 3, "column": 17 } },
//             "pointer": "/containers/web/image" | null,
//             "url"?: "https://…", "suppressed"?: true } ] } ],
//     "summary": { "errors": 1, "warnings": 0, "infos": 0, "suppressed": 0 }
//   }
//
// `files` lists every checked file (clean ones with an empty `diagnostics` array), sorted by path in
// code-point order; findings are sorted by line, column, rule id, then message. Lines and columns are
// 1-based; columns count UTF-16 code units; `end` points just past the last character. `pointer` is the
// JSON pointer of the node the finding is about, or null when it is not about one node. `url` appears
// only when the rule documents one; `suppressed: true` marks findings silenced in source or config: they
// are listed but never counted as errors, warnings or infos, only as `suppressed`. With `--quiet` only
// error findings are included and counted. Paths use "/" and are relative to the working directory when
// inside it ("-" is stdin). Fields may be added in a later version 1 output; removing or changing the
// meaning of one bumps `version`.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { prepare } from "./prepare.js";
import type { Reporter } from "./reporter.js";
import { summarize } from "./summary.js";

export const JSON_REPORT_VERSION = 1;

function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  // Built key by key so the property order is part of the format, not of how the Diagnostic was made.
  const out: Record<string, unknown> = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    source: d.source,
    range: {
      start: { line: d.range.start.line, column: d.range.start.column },
      end: { line: d.range.end.line, column: d.range.end.column },
    },
    pointer: d.pointer ?? null,
  };
  if (d.url !== undefined) out.url = d.url;
  if (d.suppressed) out.suppressed = true;
  return out;
}

export const jsonReporter: Reporter = {
  name: "json",
  format(input, opts) {
    const { diagnostics, files } = prepare(input, opts);
    const tool: Record<string, string> = { name: input.tool.name, version: input.tool.version };
    if (input.tool.informationUri !== undefined) tool.informationUri = input.tool.informationUri;
    const doc = {
      version: JSON_REPORT_VERSION,
      tool,
      files: files.map((f) => ({ path: f.path, diagnostics: f.diagnostics.map(diagnosticJson) })),
      summary: summarize(diagnostics),
    };
    return JSON.stringify(doc, null, 2) + "\n";
  },
};
