/**
 * Function registry shared by builtins, sprig and caller-supplied functions.
 *
 * Go's text/template checks each argument against the Go function's parameter
 * types ("wrong type for value; expected string; got int"); builtin and sprig
 * functions therefore declare their parameter types here so those errors are
 * reproduced. Caller functions (plain JS functions) receive values unchecked.
 */
import type { RandomSource } from "./keyed-random.js";

export type ParamType = "any" | "string" | "int" | "float" | "bool" | "map" | "list";

export interface FuncDef {
  fn: (this: CallContext, ...args: unknown[]) => unknown;
  params: ParamType[];
  /** Type of the trailing variadic parameter, if the function is variadic. */
  variadic?: ParamType;
}

/** Execution facilities a function may need (deterministic randomness, clock). */
export interface CallContext {
  random: RandomSource;
  now: Date;
}

export type UserFunc = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export function def(params: ParamType[], fn: FuncDef["fn"], variadic?: ParamType): FuncDef {
  return variadic === undefined ? { fn, params } : { fn, params, variadic };
}

export function userFuncDef(f: UserFunc): FuncDef {
  return { fn: (...args: unknown[]) => f(...args), params: [], variadic: "any" };
}
