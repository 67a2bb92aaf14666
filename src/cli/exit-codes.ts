// The exit codes, in one table (README "Exit codes" copies it).
//   0  no errors (and warnings within --max-warnings)
//   1  errors found, warnings over --max-warnings, or --check found stale output
//   2  usage error, unreadable input, I/O failure or internal error
// With --fail-on-warn, `check` follows conftest instead: 2 failures (errors), 1 warnings only, 0 clean;
// usage and I/O errors stay 2 (stderr then says why).
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A failure the CLI explains in one line and exits 2 for (never a stack trace unless --debug). */
export class CliError extends Error {}

export interface ExitPolicy {
  maxWarnings?: number;
}

export function exitCodeFor(diagnostics: readonly Diagnostic[], policy: ExitPolicy = {}): number {
  const live = diagnostics.filter((d) => !d.suppressed);
  if (live.some((d) => d.source === "io")) return EXIT_USAGE;
  if (live.some((d) => d.severity === "error")) return EXIT_FINDINGS;
  const warnings = live.filter((d) => d.severity === "warning").length;
  if (policy.maxWarnings !== undefined && policy.maxWarnings >= 0 && warnings > policy.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** conftest's codes under --fail-on-warn. */
export function conftestExitCode(diagnostics: readonly Diagnostic[]): number {
  const live = diagnostics.filter((d) => !d.suppressed);
  if (live.some((d) => d.source === "io" || d.severity === "error")) return 2;
  if (live.some((d) => d.severity === "warning")) return 1;
  return 0;
}
