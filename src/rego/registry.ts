// Access to the builtin registry, plus the few builtins the evaluator implements itself because they need
// evaluator state (print output, membership over virtual docs).
import { builtins } from "./builtins/index.js";
import type { BuiltinDef } from "./builtins/types.js";

/** Handled by the evaluator directly (see eval.ts); never looked up in the registry. */
export const SPECIAL_BUILTINS = new Set([
  "print",
  "trace",
  "internal.member_2",
  "internal.member_3",
  "internal.template_string",
  "equal",
  "neq",
]);

const custom = new Map<string, BuiltinDef>();

/** Add (or replace) a builtin for every program compiled afterwards, e.g. a scorec-specific helper. */
export function registerBuiltin(def: BuiltinDef): void {
  custom.set(def.name, def);
}

export function lookupBuiltin(name: string): BuiltinDef | undefined {
  return custom.get(name) ?? builtins.get(name);
}
