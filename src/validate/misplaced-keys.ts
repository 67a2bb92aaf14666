// A mis-indented block is the most common YAML mistake in a Score file: `resources:` written two spaces
// in, under `containers` or under a container, or `containers:` under `metadata`. The schema then reports
// what it sees (a container named "resources" without an image, an unknown key under a container's
// `resources`, a missing top-level `containers`) — true, but not the problem. When the document tells us
// (a top-level key of the Score schema is missing at the top and present deeper, with a value of the right
// kind, and the schema rejects what is under or at it), the findings it caused become one finding at that
// key that says so.
import { pointerSegments, toPointer } from "../parse/source-file.js";
import { humanPath } from "./human-path.js";
import type { SchemaFinding } from "./schema-validator.js";

/** The Score schema's top-level properties and the kind of value each takes. */
export const TOP_LEVEL_KEYS: Readonly<Record<string, "string" | "object">> = {
  apiVersion: "string",
  metadata: "object",
  service: "object",
  containers: "object",
  resources: "object",
};

interface Nested {
  key: string;
  pointer: string;
  parent: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Top-level keys found below the top level, in document order, where the top level lacks them. */
function nestedTopLevelKeys(root: Record<string, unknown>): Nested[] {
  const out: Nested[] = [];
  const visit = (v: unknown, path: string[], depth: number): void => {
    if (depth > 64) return;
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : isObject(v) ? Object.entries(v) : [];
    for (const [k, child] of entries) {
      const kind = TOP_LEVEL_KEYS[k];
      const fits = kind === "string" ? typeof child === "string" : kind === "object" && isObject(child);
      if (path.length > 0 && !Array.isArray(v) && fits && !Object.hasOwn(root, k)) out.push({ key: k, pointer: toPointer([...path, k]), parent: toPointer(path) });
      visit(child, [...path, k], depth + 1);
    }
  };
  visit(root, [], 0);
  return out;
}

const parentOf = (pointer: string): string => toPointer(pointerSegments(pointer).slice(0, -1));

/** What the schema said, without its own suggestions (they are about the wrong place). */
const detail = (f: SchemaFinding): string => f.message.replace(/ (\(expected one of: [^)]*\)|— did you mean .*)$/, "");

export function foldMisplacedKeys(raw: unknown, findings: SchemaFinding[]): SchemaFinding[] {
  if (!isObject(raw) || findings.length === 0) return findings;
  let rest = findings;
  const folded: SchemaFinding[] = [];
  for (const n of nestedTopLevelKeys(raw)) {
    const inside = rest.filter((f) => f.pointer === n.pointer || f.pointer.startsWith(n.pointer + "/"));
    const missing = rest.filter((f) => f.ruleId === "schema/required" && f.pointer === "" && f.message.startsWith(`missing required property "${n.key}"`));
    // The block does not fit where it is: unknown there, or holding keys unknown there, or wanted at the top.
    const rejected = inside.some((f) => f.ruleId === "schema/additional-property" && (f.pointer === n.pointer || parentOf(f.pointer) === n.pointer));
    if (!rejected && missing.length === 0) continue;
    const first = inside.find((f) => f.ruleId === "schema/additional-property") ?? inside[0];
    const why = first ? detail(first) : `and the workload has no top-level \`${n.key}\``;
    folded.push({
      ruleId: "schema/misplaced-key",
      message: `\`${n.key}\` is indented under ${humanPath(n.parent)}, so it is read as ${humanPath(n.pointer)} (${why}) — did you mean \`${n.key}\` at the top level, without indentation?`,
      pointer: n.pointer,
      atKey: true,
    });
    rest = rest.filter((f) => !inside.includes(f) && !missing.includes(f));
  }
  return folded.length ? [...folded, ...rest] : findings;
}
