// Test helper: call a builtin directly with plain JSON-ish operands (sets via `set(...)`).
import { builtins } from "../../../src/rego/builtins/index.js";
import { BuiltinError, type BuiltinContext } from "../../../src/rego/builtins/types.js";
import { RSet, fromJSON, toJSON, type Value } from "../../../src/rego/value.js";

export const set = (...xs: unknown[]): RSet => new RSet(xs.map((x) => fromJSON(x)));

export function ctx(nowNs = 0n): BuiltinContext {
  return { nowNs, print: () => {}, strictBuiltinErrors: true, cache: new Map() };
}

export function callV(name: string, ...args: unknown[]): Value | undefined {
  const def = builtins.get(name);
  if (!def) throw new Error(`no builtin ${name}`);
  return def.fn(
    args.map((a) => fromJSON(a)),
    ctx(),
  );
}

/** Result as plain JSON (sets become sorted arrays), or undefined. */
export function call(name: string, ...args: unknown[]): unknown {
  const r = callV(name, ...args);
  return r === undefined ? undefined : toJSON(r);
}

/** The error a call throws (message and code), or undefined when it does not throw. */
export function callErr(name: string, ...args: unknown[]): { message: string; code: string } | undefined {
  try {
    callV(name, ...args);
    return undefined;
  } catch (e) {
    if (e instanceof BuiltinError) return { message: e.message, code: e.code };
    throw e;
  }
}

/**
 * Callers bound to a list of builtin definitions (the Node-only modules export theirs): `call` gives plain
 * JSON, `callErr` the BuiltinError message or "no error".
 */
export function callersOf(defs: readonly { name: string; fn: (args: Value[], c: BuiltinContext) => Value | undefined }[]) {
  const byName = new Map(defs.map((d) => [d.name, d]));
  function call(name: string, ...args: unknown[]): any {
    const r = byName.get(name)!.fn(args.map((a) => fromJSON(a)), ctx());
    return r === undefined ? undefined : toJSON(r);
  }
  function callErr(name: string, ...args: unknown[]): string {
    try {
      call(name, ...args);
    } catch (e) {
      if (e instanceof BuiltinError) return e.message;
      throw e;
    }
    return "no error";
  }
  return { call, callErr };
}
