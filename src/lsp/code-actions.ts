// Quick fixes for published findings: the finding's own `fix` when it has one; renaming an unknown key to
// the suggested one; quoting a number/boolean where a string is expected; a readinessProbe skeleton for
// a missing-probe policy finding.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver/node.js";
import { asRecord } from "./doc-model.js";
import { modelOf, type FeatureContext } from "./feature-context.js";
import { toLspRange, type DiagnosticData } from "./lsp-diagnostics.js";
import { pointerSegments } from "../parse/source-file.js";

function action(ctx: FeatureContext, title: string, d: LspDiagnostic, edits: TextEdit[], preferred = true): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred, edit: { changes: { [ctx.uri]: edits } } };
}

function textIn(lines: string[], r: LspDiagnostic["range"]): string {
  if (r.start.line !== r.end.line) return "";
  return (lines[r.start.line] ?? "").slice(r.start.character, r.end.character);
}

/** A port the workload listens on, for the probe skeleton: the first service target port, else 8080. */
function probePort(raw: Record<string, unknown>): number {
  for (const p of Object.values(asRecord(asRecord(raw.service).ports))) {
    const port = asRecord(p);
    const n = port.targetPort ?? port.port;
    if (typeof n === "number") return n;
  }
  return 8080;
}

function probeSkeleton(ctx: FeatureContext, d: LspDiagnostic, lines: string[]): CodeAction | undefined {
  const data = (d.data ?? {}) as DiagnosticData;
  const segs = data.pointer ? pointerSegments(data.pointer) : [];
  if (segs[0] !== "containers" || !segs[1]) return undefined;
  const container = asRecord(asRecord(modelOf(ctx).raw.containers)[segs[1]]);
  if (container.readinessProbe !== undefined) return undefined;
  // The finding points at the container's mapping: its first key sets the indentation.
  const first = lines[d.range.start.line] ?? "";
  const indent = first.slice(0, d.range.start.character);
  if (!/^\s*$/.test(indent) || /^[{[]/.test(first.slice(d.range.start.character))) return undefined;
  const text = [`readinessProbe:`, `  httpGet:`, `    path: /`, `    port: ${probePort(modelOf(ctx).raw)}`].map((l) => indent + l).join("\n") + "\n";
  const at = { line: d.range.start.line, character: 0 };
  return action(ctx, `Add a readinessProbe to container "${segs[1]}"`, d, [{ range: { start: at, end: at }, newText: text }]);
}

export function codeActions(ctx: FeatureContext, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const lines = ctx.text.split(/\r?\n/);
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== "scorec") continue;
    const code = String(d.code ?? "");
    const data = (d.data ?? {}) as DiagnosticData;
    if (data.fix) out.push(action(ctx, data.fix.title, d, [{ range: toLspRange(data.fix.range), newText: data.fix.text }]));
    const suggestion = /did you mean "([^"]+)"\?/.exec(d.message)?.[1];
    if (code === "schema/additional-property" && suggestion) {
      out.push(action(ctx, `Rename to "${suggestion}"`, d, [{ range: d.range, newText: suggestion }]));
    }
    if (code === "schema/type" && /must be a string, found the (number|boolean)/.test(d.message)) {
      const value = textIn(lines, d.range);
      if (value && !/^["']/.test(value)) out.push(action(ctx, `Quote ${value} as a string`, d, [{ range: d.range, newText: JSON.stringify(value) }]));
    }
    if (/probe/i.test(code) && /readiness|probe/i.test(d.message) && !/liveness/i.test(d.message.replace(/readiness/i, ""))) {
      const a = probeSkeleton(ctx, d, lines);
      if (a) out.push(a);
    }
  }
  return out;
}
