// Set and delete by a dotted path, with the path rules score-compose's patch templates use (its patches go
// through tidwall/sjson): segments split on `.`, `\` makes the next character literal (`some\.thing`), a
// number indexes an array (`ports.0`; past the end pads with nulls), `-1` appends to an array (delete: the
// last item), and a leading `:` forces a segment to be an object key (`:0000`). Missing containers are
// created: an array when the next segment is a number or `-1`, else an object. Wildcard characters
// (`* ? # @ |`) are refused, as sjson refuses them for writes. Works on plain JSON-like data in place;
// every write defines an own property and `__proto__`/`constructor`/`prototype` are refused.
import { ownValue, setOwn } from "./deep-merge.js";
import { forbiddenKeyMessage, isForbiddenKey } from "../check/overrides.js";

export interface PathSegment {
  key: string;
  /** `:key`: an object key even when it looks like a number. */
  forced: boolean;
}

export class DottedPathError extends Error {}

const WILDCARDS = new Set(["*", "?", "#", "@", "|"]);

export function parseDottedPath(path: string): PathSegment[] {
  if (path === "") throw new DottedPathError("the path is empty");
  const out: PathSegment[] = [];
  let key = "";
  let forced = path.startsWith(":");
  for (let i = forced ? 1 : 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === "\\") {
      if (i + 1 < path.length) key += path[++i];
      continue;
    }
    if (ch === ".") {
      out.push({ key, forced });
      key = "";
      forced = path[i + 1] === ":";
      if (forced) i++;
      continue;
    }
    if (WILDCARDS.has(ch)) throw new DottedPathError(`character ${i + 1}: "${ch}" is a wildcard, not allowed in a patch path (escape it with \\)`);
    key += ch;
  }
  out.push({ key, forced });
  const bad = out.find((s) => isForbiddenKey(s.key));
  if (bad) throw new DottedPathError(forbiddenKeyMessage(bad.key));
  return out;
}

const index = (s: PathSegment): number | undefined => (!s.forced && /^[0-9]+$/.test(s.key) ? Number(s.key) : undefined);
const isAppend = (s: PathSegment): boolean => !s.forced && s.key === "-1";
const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => v !== null && typeof v === "object";

/** A fresh container for the segment that will be looked up in it. */
function containerFor(s: PathSegment): Record<string, unknown> | unknown[] {
  return index(s) !== undefined || isAppend(s) ? [] : {};
}

function where(segments: readonly PathSegment[], upTo: number): string {
  return segments.slice(0, upTo + 1).map((s) => s.key).join(".");
}

/** Writes `value` at `path` inside `root` (an object or array), creating what is missing. */
export function setAtPath(root: Record<string, unknown> | unknown[], path: string, value: unknown): void {
  const segments = parseDottedPath(path);
  let node: Record<string, unknown> | unknown[] = root;
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    const put = (current: unknown): unknown => (last ? value : isContainer(current) ? current : containerFor(segments[i + 1]!));
    if (Array.isArray(node)) {
      const n = index(s);
      if (n === undefined && !isAppend(s)) throw new DottedPathError(`"${where(segments, i - 1)}" is an array: "${s.key}" is not an index (a number, or -1 to append)`);
      const at = n ?? node.length;
      while (node.length < at) node.push(null);
      node[at] = put(node[at]);
      if (!last) node = node[at] as Record<string, unknown> | unknown[];
      return;
    }
    const existing = ownValue(node, s.key);
    if (!last && existing !== undefined && !isContainer(existing)) {
      throw new DottedPathError(`"${where(segments, i)}" is a ${existing === null ? "null" : typeof existing}, not an object or array: cannot set "${path}" inside it`);
    }
    setOwn(node, s.key, put(existing));
    if (!last) node = ownValue(node, s.key) as Record<string, unknown> | unknown[];
  });
}

/** Removes what `path` names; a path that names nothing leaves `root` as it is (as sjson does). */
export function deleteAtPath(root: Record<string, unknown> | unknown[], path: string): void {
  const segments = parseDottedPath(path);
  let node: unknown = root;
  for (const [i, s] of segments.entries()) {
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const n = isAppend(s) ? node.length - 1 : index(s);
      if (n === undefined || n < 0 || n >= node.length) return;
      if (last) return void node.splice(n, 1);
      node = node[n];
      continue;
    }
    if (!isContainer(node)) return;
    const map = node as Record<string, unknown>;
    if (ownValue(map, s.key) === undefined) return;
    if (last) return void delete map[s.key];
    node = ownValue(map, s.key);
  }
}
