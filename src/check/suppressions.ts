// Suppressions: `# scorec-disable-next-line RULE_ID[, RULE_ID…]` comments in Score files (no id = every
// rule on that line) and per-project rule settings (`rules: {ID: off|error|warning|info}`). A suppressed
// finding is kept and counted, never silently dropped; it just cannot fail a run.
import type { VFileMessage } from "vfile-message";
import type { Stage } from "../pipeline/processor.js";

const DIRECTIVE = /#\s*scorec-disable-next-line\b([^\n]*)/;

export type RuleSettings = Record<string, "off" | "error" | "warning" | "info">;

/** line (1-based) → rule ids disabled on it ("*" for all). */
export function disabledLines(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  text.split("\n").forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const ids = m[1]!.split(/[\s,]+/).filter((s) => s && !s.startsWith("--"));
    out.set(i + 2, new Set(ids.length ? ids : ["*"]));
  });
  return out;
}

function suppress(m: VFileMessage, by: string): void {
  Object.assign(m, { suppressed: true, suppressedBy: by });
}

export function suppressionStage(rules: RuleSettings = {}): Stage {
  return (tree) => {
    for (const input of tree.inputs) {
      const lines = input.source ? disabledLines(input.source.text) : new Map<number, Set<string>>();
      for (const m of input.vfile.messages) {
        const extra = m as unknown as Record<string, unknown>;
        if (extra.suppressed) continue;
        const id = m.ruleId ?? "";
        const setting = rules[id];
        if (setting === "off") {
          suppress(m, "config");
          continue;
        }
        if (setting) {
          extra.scorecSeverity = setting;
          m.fatal = setting === "error" ? true : setting === "warning" ? false : undefined;
        }
        const disabled = lines.get(m.line ?? 0);
        if (disabled && (disabled.has("*") || disabled.has(id))) suppress(m, "comment");
      }
    }
  };
}
