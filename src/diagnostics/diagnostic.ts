// One shape for every finding: stages add vfile messages through `report()`; reporters, SARIF and the
// language server read them back as plain `Diagnostic` snapshots through `collect()`.
import type { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";

export type Severity = "error" | "warning" | "info";

/** Which stage found it. */
export type DiagnosticSource = "yaml" | "schema" | "score" | "provision" | "policy" | "config" | "io";

/** 1-based line and column (column counts UTF-16 code units, like the LSP and vfile); offset is 0-based. */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}
export interface Range {
  start: Point;
  end: Point;
}

/** A machine-applicable fix: replace `range` of the file with `text`. */
export interface Fix {
  title: string;
  range: Range;
  text: string;
}

export interface Diagnostic {
  /** Path as given to scorec, POSIX separators, relative to cwd when inside it ("-" for stdin). */
  file: string;
  ruleId: string;
  source: DiagnosticSource;
  severity: Severity;
  message: string;
  range: Range;
  /** JSON pointer into the document this is about, when it is about a node. */
  pointer?: string;
  url?: string;
  fix?: Fix;
  /** Suppressed findings are kept (and counted) but never fail a run. */
  suppressed?: boolean;
}

export interface ReportOptions {
  ruleId: string;
  source: DiagnosticSource;
  severity: Severity;
  range?: Range;
  pointer?: string;
  url?: string;
  fix?: Fix;
}

const ORIGIN: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Add a finding to a file. Never throws. */
export function report(file: VFile, message: string, opts: ReportOptions): VFileMessage {
  const range = opts.range ?? ORIGIN;
  // A VFileMessage is an Error: its constructor captures a JS stack that vfile-message then replaces with
  // "" (findings carry file:line, not a stack). Deep in the pipeline that capture was most of a finding's
  // cost (a policy pack reports dozens per keystroke in the editor), so capture nothing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let m: VFileMessage;
  try {
    m = file.message(message, {
      place: { start: { ...range.start }, end: { ...range.end } },
      ruleId: opts.ruleId,
      source: opts.source,
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
  m.fatal = opts.severity === "error" ? true : opts.severity === "warning" ? false : undefined;
  if (opts.url) m.url = opts.url;
  const extra = m as unknown as Record<string, unknown>;
  extra.scorecSeverity = opts.severity;
  if (opts.pointer !== undefined) extra.pointer = opts.pointer;
  if (opts.fix) extra.fix = opts.fix;
  return m;
}

export function severityOf(m: VFileMessage): Severity {
  const s = (m as unknown as Record<string, unknown>).scorecSeverity;
  if (s === "error" || s === "warning" || s === "info") return s;
  return m.fatal === true ? "error" : m.fatal === false ? "warning" : "info";
}

/** Snapshot one message as a Diagnostic. */
export function toDiagnostic(file: VFile, m: VFileMessage): Diagnostic {
  const extra = m as unknown as Record<string, unknown>;
  const place = m.place;
  let range: Range = ORIGIN;
  if (place && "start" in place) range = { start: { ...place.start }, end: { ...place.end } };
  else if (place) range = { start: { ...place }, end: { ...place } };
  const d: Diagnostic = {
    file: file.path || "-",
    ruleId: m.ruleId ?? "unknown",
    source: (m.source ?? "score") as DiagnosticSource,
    severity: severityOf(m),
    message: m.reason,
    range,
  };
  if (typeof extra.pointer === "string") d.pointer = extra.pointer;
  if (m.url) d.url = m.url;
  if (extra.fix) d.fix = extra.fix as Fix;
  if (extra.suppressed === true) d.suppressed = true;
  return d;
}

/** Code-point string order; never localeCompare (output must not depend on the locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order for every report: file, line, column, rule id, then message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    byCodePoint(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    byCodePoint(a.ruleId, b.ruleId) ||
    byCodePoint(a.message, b.message)
  );
}

/** All messages of all files as Diagnostics, in the stable report order. */
export function collect(files: readonly VFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) for (const m of f.messages) out.push(toDiagnostic(f, m));
  return out.sort(compareDiagnostics);
}
