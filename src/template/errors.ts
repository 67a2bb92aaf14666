/**
 * Errors raised while parsing or executing a template.
 *
 * `message` follows Go's text/template wording ("template: NAME:LINE:COL: …") so
 * users who know score-compose recognise it; `reason` is the bare cause and
 * `failMessage` is set when the template called sprig's `fail` (callers turn that
 * into a diagnostic of their own).
 */
export class TemplateError extends Error {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly templateName: string;
  readonly phase: "parse" | "exec";
  readonly failMessage: string | undefined;

  constructor(init: {
    name: string;
    line: number;
    column: number;
    reason: string;
    phase: "parse" | "exec";
    context?: string;
    failMessage?: string;
  }) {
    const where = `template: ${init.name}:${init.line}:${init.column}: `;
    const ctx = init.context !== undefined ? `executing "${init.name}" at <${init.context}>: ` : "";
    super(where + ctx + init.reason);
    this.name = "TemplateError";
    this.line = init.line;
    this.column = init.column;
    this.reason = init.reason;
    this.templateName = init.name;
    this.phase = init.phase;
    this.failMessage = init.failMessage;
  }
}

/** Internal: thrown by functions/evaluation, positioned later by the executor. */
export class ExecFault extends Error {
  constructor(message: string, readonly failMessage?: string) {
    super(message);
  }
}

/** Converts 0-based offset into 1-based line/column of `text`. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  return { line, column: offset - lastNl };
}
