// Report a finding about a node of a workload's Score document, positioned through its SourceFile.
import { report, type DiagnosticSource, type Fix, type Severity } from "../diagnostics/diagnostic.js";
import { writtenPointer, type Workload } from "./tree.js";

export interface At {
  ruleId: string;
  severity: Severity;
  source?: DiagnosticSource;
  /** Underline the key of the pointed node rather than its value. */
  key?: boolean;
  /** Underline the key when the pointed node is a mapping or a sequence (a finding about a whole block). */
  keyOfBlock?: boolean;
  /** Underline this text inside the pointed scalar (its n-th occurrence), e.g. a placeholder. */
  text?: string;
  occurrence?: number;
  url?: string;
  fix?: Fix;
  /** A quick fix that writes this text over the underlined range ("did you mean" suggestions). */
  replaceWith?: { title: string; text: string };
  /** Kept and counted but never fails a run (a policy exception, a disable comment, a rule turned off). */
  suppressedBy?: string;
}

export function reportAt(w: Workload, normalisedPointer: string, message: string, at: At): void {
  const pointer = writtenPointer(w, normalisedPointer);
  const src = w.input.source;
  const range = !src
    ? undefined
    : at.text !== undefined
      ? src.rangeOfText(w.doc, pointer, at.text, at.occurrence ?? 0)
      : src.rangeOfPointer(w.doc, pointer, { key: at.key, keyOfBlock: at.keyOfBlock });
  const m = report(w.input.vfile, message, {
    ruleId: at.ruleId,
    source: at.source ?? "score",
    severity: at.severity,
    pointer,
    range,
    url: at.url,
    fix: at.fix ?? (at.replaceWith && range ? { title: at.replaceWith.title, range, text: at.replaceWith.text } : undefined),
  });
  if (at.suppressedBy) Object.assign(m, { suppressed: true, suppressedBy: at.suppressedBy });
}

/**
 * Placeholder errors of one Score string, each underlined where it is written. The n-th occurrence of the
 * placeholder's text is counted in the string as written, so an escaped `$${…}` before it is skipped too.
 */
/** Placeholder errors reported per input file; the rest are counted in one "and N more" finding. */
export const MAX_PLACEHOLDER_ERRORS = 50;
const placeholderErrors = new WeakMap<object, { count: number; more?: { message: string; reason: string } }>();

export function reportSubstitutionErrors(
  w: Workload,
  pointer: string,
  written: string,
  errors: readonly { message: string; raw: string; start: number; ruleId?: string; replacement?: string }[],
  fallbackRule: string,
): void {
  // 100 000 bad placeholders must not mean 100 000 findings (each positioned by a scan of its string).
  let seen = placeholderErrors.get(w.input.vfile);
  if (!seen) placeholderErrors.set(w.input.vfile, (seen = { count: 0 }));
  for (const err of errors) {
    if (++seen.count > MAX_PLACEHOLDER_ERRORS) {
      const text = `and ${seen.count - MAX_PLACEHOLDER_ERRORS} more placeholder error(s) in this file (only the first ${MAX_PLACEHOLDER_ERRORS} are listed)`;
      if (!seen.more) {
        reportAt(w, pointer, text, { ruleId: err.ruleId ?? fallbackRule, severity: "error" });
        seen.more = w.input.vfile.messages[w.input.vfile.messages.length - 1] as unknown as { message: string; reason: string };
      } else {
        seen.more.message = seen.more.reason = text;
      }
      continue;
    }
    let occurrence = 0;
    for (let at = written.indexOf(err.raw); at >= 0 && at < err.start; at = written.indexOf(err.raw, at + 1)) occurrence++;
    const ruleId = err.ruleId ?? fallbackRule;
    reportAt(w, pointer, err.message, {
      ruleId,
      ...(ruleId.startsWith("provision/") ? { source: "provision" as const } : {}),
      severity: "error",
      text: err.raw,
      occurrence,
      ...(err.replacement ? { replaceWith: { title: `Change to ${err.replacement}`, text: err.replacement } } : {}),
    });
  }
}
