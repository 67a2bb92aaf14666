// The `${…}` placeholder under the cursor on one line, complete (for hover/definition, parsed by the
// engine's own placeholder parser) or still being typed (for completion).
import { parsePlaceholders } from "../placeholders/parse-placeholders.js";

export interface PlaceholderAt {
  path: string[];
  /** Columns of `${` and just after `}` on the line. */
  start: number;
  end: number;
  /** Index of the path segment under the cursor. */
  segment: number;
}

export function placeholderAt(line: string, character: number): PlaceholderAt | undefined {
  for (const seg of parsePlaceholders(line).segments) {
    if (seg.kind !== "ref" || character < seg.start || character > seg.end) continue;
    // Which dotted segment the cursor is on: count the unescaped dots before it.
    const before = line.slice(seg.start + 2, Math.max(seg.start + 2, character)).replace(/\\\./g, "");
    const segment = Math.min(seg.path.length - 1, (before.match(/\./g) ?? []).length);
    return { path: seg.path, start: seg.start, end: seg.end, segment };
  }
  return undefined;
}

/** The unfinished placeholder left of the cursor: `${resources.db.ho` → ["resources", "db", "ho"]. */
export function openPlaceholderBefore(line: string, character: number): { segments: string[]; start: number } | undefined {
  const left = line.slice(0, character);
  const open = left.lastIndexOf("${");
  if (open < 0 || left.indexOf("}", open) >= 0) return undefined;
  if (open > 0 && left[open - 1] === "$" && !(open > 1 && left[open - 2] === "$")) return undefined; // `$${` is an escape
  const inner = left.slice(open + 2);
  if (/[\s"']/.test(inner)) return undefined;
  return { segments: inner.split("."), start: open };
}
