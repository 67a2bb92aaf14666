// scorec Diagnostic → LSP Diagnostic. scorec positions are 1-based lines and columns in UTF-16 code units,
// the LSP's are 0-based in the same units, so conversion is a plain shift.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range as LspRange } from "vscode-languageserver/node.js";
import type { Diagnostic, Range } from "../diagnostics/diagnostic.js";

export function toLspRange(r: Range): LspRange {
  const clamp = (n: number): number => Math.max(0, n - 1);
  return {
    start: { line: clamp(r.start.line), character: clamp(r.start.column) },
    end: { line: clamp(r.end.line), character: clamp(r.end.column) },
  };
}

const SEVERITY: Record<Diagnostic["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a code action needs back from a published diagnostic (LSP round-trips `data`). */
export interface DiagnosticData {
  pointer?: string;
  fix?: Diagnostic["fix"];
}

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = {};
  if (d.pointer !== undefined) data.pointer = d.pointer;
  if (d.fix) data.fix = d.fix;
  return {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    source: "scorec",
    message: d.message,
    ...(d.url ? { codeDescription: { href: d.url } } : {}),
    data,
  };
}
