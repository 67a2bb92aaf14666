// Errors raised by the Rego engine, carrying OPA's error codes so callers and tests can match on them.

export interface Location {
  file: string;
  row: number;
  col: number;
}

export type RegoErrorCode =
  | "rego_parse_error"
  | "rego_compile_error"
  | "rego_type_error"
  | "rego_unsafe_var_error"
  | "rego_recursion_error"
  | "eval_conflict_error"
  | "eval_type_error"
  | "eval_builtin_error"
  | "eval_budget_exceeded";

export class RegoError extends Error {
  constructor(
    readonly code: RegoErrorCode,
    message: string,
    readonly location?: Location,
  ) {
    super(message);
  }
  /** OPA's textual form: `file:row: code: message`. */
  override toString(): string {
    const where = this.location ? `${this.location.file}:${this.location.row}: ` : "";
    return `${where}${this.code}: ${this.message}`;
  }
}
