// What a conftest-style rule may return, normalised: a string, or an object with `msg` and optional
// position (`path` or `_path`: a JSON pointer "/containers/web/image", a dotted path, or a list of keys),
// an optional rule `id` and `severity`; other keys are kept as details.
import { toPointer } from "../parse/source-file.js";

export interface PolicyResult {
  message: string;
  /** JSON pointer into the workload (or, with --combine, into the input array). */
  pointer?: string;
  id?: string;
  severity?: "error" | "warning" | "info";
  details: Record<string, unknown>;
}

export function toPointerFromPath(path: unknown): string | undefined {
  if (Array.isArray(path)) return toPointer(path.map((p) => String(p)));
  if (typeof path !== "string" || path === "") return undefined;
  if (path.startsWith("/")) return path;
  // Dotted path; `containers.web.image` or `containers["web"].image` are both fine.
  const parts = path.match(/[^.[\]"']+/g) ?? [];
  return toPointer(parts);
}

const SEVERITIES = new Set(["error", "warning", "info"]);

/** A rule's value that is not a conftest result set; the message names the rule and the fix. */
export class ResultShapeError extends Error {}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export function normaliseResults(value: unknown, rule = "deny"): PolicyResult[] {
  if (value === undefined || value === null || value === false) return [];
  // `deny[msg] if { … }` in a v1 policy declares an object rule ({msg: true}), not a set of messages.
  if (isPlainObject(value) && !("msg" in value) && Object.keys(value).length && Object.values(value).every((v) => v === true))
  {
    const short = rule.split(".").pop();
    throw new ResultShapeError(
      `rule ${rule} is an object (\`${short}[msg] if\` declares a map in Rego v1): write \`${short} contains msg if\`, or run the policy with --rego-version v0`,
    );
  }
  const items = Array.isArray(value) ? value : typeof value === "string" || typeof value === "object" ? [value] : [];
  const out: PolicyResult[] = [];
  for (const item of items) {
    if (typeof item === "string") {
      out.push({ message: item, details: {} });
    } else if (item && typeof item === "object" && !Array.isArray(item)) {
      const { msg, path, _path, id, severity, ...details } = item as Record<string, unknown>;
      out.push({
        message: typeof msg === "string" ? msg : JSON.stringify(item),
        pointer: toPointerFromPath(_path ?? path),
        ...(typeof id === "string" ? { id } : {}),
        ...(typeof severity === "string" && SEVERITIES.has(severity) ? { severity: severity as PolicyResult["severity"] } : {}),
        details,
      });
    } else if (item === true) {
      out.push({ message: "policy rule is true", details: {} });
    } else {
      throw new ResultShapeError(`rule ${rule} returned ${JSON.stringify(item)}: a result must be a string or an object with "msg"`);
    }
  }
  return out;
}
