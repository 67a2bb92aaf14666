// The one place that decides what a reporter sees: --quiet filtering, a total order, and the file list.
// Every format goes through here so they can never disagree about which findings exist or their order.
import { byCodePoint, compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FormatOptions, ReportInput } from "./reporter.js";

export interface FileReport {
  path: string;
  text?: string;
  /** Findings of this file, suppressed ones included, in report order. */
  diagnostics: Diagnostic[];
}

export interface Prepared {
  /** All kept findings in report order. */
  diagnostics: Diagnostic[];
  /** Every checked file (plus any file only named by a finding), sorted by code point. */
  files: FileReport[];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function cmpOptional(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return byCodePoint(a, b);
}

/**
 * compareDiagnostics stops at the message; two findings equal up to there but different elsewhere would
 * otherwise keep their input order, so shuffled input could change the bytes. Break every remaining tie.
 */
export function compareTotal(a: Diagnostic, b: Diagnostic): number {
  return (
    compareDiagnostics(a, b) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    byCodePoint(a.source, b.source) ||
    cmpOptional(a.pointer, b.pointer) ||
    cmpOptional(a.url, b.url) ||
    Number(a.suppressed === true) - Number(b.suppressed === true)
  );
}

export function prepare(input: ReportInput, opts: FormatOptions): Prepared {
  const kept = input.diagnostics.filter((d) => !opts.quiet || d.severity === "error");
  const diagnostics = [...kept].sort(compareTotal);

  const texts = new Map<string, string | undefined>();
  for (const f of input.files) {
    // A path listed twice keeps whichever entry has text, independent of list order.
    if (!texts.has(f.path) || texts.get(f.path) === undefined) texts.set(f.path, f.text);
  }
  for (const d of diagnostics) if (!texts.has(d.file)) texts.set(d.file, undefined);

  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const files = [...texts.keys()].sort(byCodePoint).map((path): FileReport => {
    const text = texts.get(path);
    const r: FileReport = { path, diagnostics: byFile.get(path) ?? [] };
    if (text !== undefined) r.text = text;
    return r;
  });
  return { diagnostics, files };
}

/** Splits on every line ending a YAML or JSON parser accepts, so line numbers match the parsers'. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
