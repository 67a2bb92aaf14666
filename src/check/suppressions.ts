// Suppressions: `# scorec-disable-next-line RULE_ID[, RULE_ID…]` comments in Score files (no id = every
// rule on that line) and per-project rule settings (`rules: {ID: off|error|warning|info}`). A suppressed
// finding is kept and counted, never silently dropped; it just cannot fail a run.
import type { VFileMessage } from "vfile-message";
import type { Stage } from "../pipeline/processor.js";

const DIRECTIVE = /#\s*scorec-disable-next-line\b([^\n]*)/;

export type RuleSettings = Record<string, "off" | "error" | "warning" | "info">;

export interface Directive {
  /** Line (1-based) of the comment; it disables rules on the next line. */
  line: number;
  /** Rule ids named, with their offset in the text (empty: every rule). */
  ids: { id: string; offset: number }[];
}

/** The disable comments of a file. From a word starting with `--` on, the text is the reason, not ids. */
export function directives(text: string): Directive[] {
  const out: Directive[] = [];
  // One native scan settles the usual file with no disable comment, before any line is split out.
  if (!text.includes("scorec-disable-next-line")) return out;
  let start = 0;
  text.split("\n").forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (m) {
      const listAt = start + m.index + m[0].length - m[1]!.length;
      const list = m[1]!.replace(/(^|\s)--.*$/, "");
      const ids = [...list.matchAll(/[^\s,]+/g)].map((t) => ({ id: t[0], offset: listAt + t.index! }));
      out.push({ line: i + 1, ids });
    }
    start += line.length + 1;
  });
  return out;
}

/** line (1-based) → rule ids disabled on it ("*" for all). */
export function disabledLines(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const d of directives(text)) out.set(d.line + 1, new Set(d.ids.length ? d.ids.map((x) => x.id) : ["*"]));
  return out;
}

function suppress(m: VFileMessage, by: string): void {
  Object.assign(m, { suppressed: true, suppressedBy: by });
}

export function suppressionStage(rules: RuleSettings = {}): Stage {
  return (tree) => {
    for (const input of tree.inputs) {
      if (input.vfile.messages.length === 0) continue; // nothing to suppress or re-grade
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
