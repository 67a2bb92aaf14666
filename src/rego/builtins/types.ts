// The contract between the Rego evaluator and its builtin functions.
import type { Location } from "../errors.js";
import type { Value } from "../value.js";

/** What a builtin may see of the evaluation. Everything non-deterministic is fixed per evaluation. */
export interface BuiltinContext {
  /** `time.now_ns()` — fixed for one evaluation (OPA does the same), injected by the caller. */
  readonly nowNs: bigint;
  /** Sink for `print(...)` output lines. */
  print(line: string): void;
  /** OPA's `strict-builtin-errors`: when false, a builtin error makes the expression undefined. */
  readonly strictBuiltinErrors: boolean;
  /** Per-evaluation cache (e.g. compiled regexes, parsed semvers). */
  readonly cache: Map<string, unknown>;
  /** Where the current call is written (conftest's file builtins resolve paths from the policy's folder). */
  location?: Location;
}

/**
 * A builtin returns its result, or `undefined` when the call is undefined (e.g. `object.get` never is, but
 * `to_number("x")` errors while `regex.find_n` with no match returns []).
 * Errors are thrown as BuiltinError (see below), never as plain Errors.
 */
export type BuiltinFn = (args: Value[], ctx: BuiltinContext) => Value | undefined;

/** Declared operand/result types, used by the compiler's type check (rego_type_error) and for docs. */
export type TypeSpec =
  | "any"
  | "null"
  | "boolean"
  | "number"
  | "string"
  | "array"
  | "object"
  | "set"
  | { anyOf: TypeSpec[] }
  | { arrayOf: TypeSpec }
  | { setOf: TypeSpec }
  | { objectOf: [TypeSpec, TypeSpec] };

export interface BuiltinDef {
  /** Full dotted name as written in Rego, e.g. "strings.replace_n" or "count". */
  name: string;
  /** Operand types; their count is the arity. `variadic` builtins (print) accept any count. */
  args: TypeSpec[];
  result: TypeSpec;
  variadic?: boolean;
  /** Relation builtins (e.g. `walk`) may yield several results; they return an array of results instead. */
  relation?: boolean;
  fn: BuiltinFn;
}

/**
 * Error raised by a builtin. `code` follows OPA's error codes:
 *   eval_type_error     — an operand of the wrong type reached the builtin at run time
 *   eval_builtin_error  — any other failure (bad regex, division by zero, parse failure…)
 * `halt` errors (OPA's `Halt`) always propagate, even without strict builtin errors.
 */
export class BuiltinError extends Error {
  constructor(
    message: string,
    readonly code: "eval_type_error" | "eval_builtin_error" = "eval_builtin_error",
    readonly halt = false,
  ) {
    super(message);
  }
}

/** OPA's message for a run-time operand type error: `<name>: operand <n> must be <type> but got <type>`. */
export function operandTypeError(builtin: string, position: number, expected: string, got: string): BuiltinError {
  return new BuiltinError(`${builtin}: operand ${position} must be ${expected} but got ${got}`, "eval_type_error");
}
