// Counts shared by every format's summary, so "3 problems" means the same thing everywhere.
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface Summary {
  /** Unsuppressed findings by severity. */
  errors: number;
  warnings: number;
  infos: number;
  /** Suppressed findings of any severity (they never count as problems). */
  suppressed: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0, suppressed: 0 };
  for (const d of diagnostics) {
    if (d.suppressed) s.suppressed++;
    else if (d.severity === "error") s.errors++;
    else if (d.severity === "warning") s.warnings++;
    else s.infos++;
  }
  return s;
}
