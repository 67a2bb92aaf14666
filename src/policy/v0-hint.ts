// A v1 parse error on code that looks like Rego v0 (a rule body without `if`, a partial set without
// `contains`) says how to run it, as most public policy libraries are still v0.
import type { RegoError } from "../rego/index.js";

export function v0Hint(e: RegoError, regoVersion: 0 | 1): string {
  if (regoVersion !== 1 || e.code !== "rego_parse_error") return "";
  return /`if` keyword is required|`contains` keyword is required/.test(e.message) ? " (this looks like Rego v0: try --rego-version v0)" : "";
}
