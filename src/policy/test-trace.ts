// `policy test --trace` / `--explain MODE`: the evaluation trace of a test, printed under a failing test
// like `opa test -v --explain MODE`. Modes as OPA's: `full` (every enter/eval/fail/exit event), `fails` (the
// expressions that failed, and trace() notes), `notes` (only `trace(msg)` notes). Each event is one line,
// `file:row  | | Op text`, indented by rule depth; the text is the source line of the event (scorec's AST
// keeps positions, not printed terms). A trace keeps at most MAX_TRACE_LINES lines and then says how many it
// dropped, so a looping test cannot flood the output.
import type { Location, TraceOp, Tracer } from "../rego/index.js";

export type ExplainMode = "full" | "fails" | "notes";
export const EXPLAIN_MODES: readonly ExplainMode[] = ["full", "fails", "notes"];
export const MAX_TRACE_LINES = 400;

const OP_NAME: Record<TraceOp, string> = { enter: "Enter", eval: "Eval", fail: "Fail", exit: "Exit", note: "Note" };

export class TraceRecorder implements Tracer {
  readonly lines: string[] = [];
  dropped = 0;
  constructor(
    private readonly mode: ExplainMode,
    private readonly sources: Map<string, string[]>,
  ) {}

  event(op: TraceOp, loc: Location, depth: number, note?: string): void {
    if (this.mode === "notes" && op !== "note") return;
    if (this.mode === "fails" && op !== "fail" && op !== "note") return;
    if (this.lines.length >= MAX_TRACE_LINES) {
      this.dropped++;
      return;
    }
    const where = `${loc.file}:${loc.row}`.padEnd(24);
    const text = op === "note" ? JSON.stringify(note ?? "") : (this.sources.get(loc.file)?.[loc.row - 1] ?? "").trim();
    this.lines.push(`${where} ${"| ".repeat(depth + 1)}${OP_NAME[op]} ${text}`.trimEnd());
  }

  result(): string[] {
    return this.dropped ? [...this.lines, `… ${this.dropped} more trace events not shown`] : this.lines;
  }
}

/** Sends each event to every tracer (coverage and trace at once). */
export function fanOut(tracers: Tracer[]): Tracer | undefined {
  if (tracers.length <= 1) return tracers[0];
  return { event: (op, loc, depth, note) => tracers.forEach((t) => t.event(op, loc, depth, note)) };
}
