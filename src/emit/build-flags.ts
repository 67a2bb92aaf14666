// `--build CONTAINER=CONTEXT` and `--build 'CONTAINER={"context": …, "args": …}'` (JSON or YAML flow), the
// score-compose forms. A relative context is relative to the current folder, where the user typed it; Compose
// resolves it against the folder of compose.yaml, so it is rebased onto the output folder.
import { isAbsolute, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";

/** A Compose `build` section; `context` is required, the other keys are Compose's own. */
export interface BuildConfig {
  context: string;
  args?: Record<string, string | null>;
  [key: string]: unknown;
}

/** Compose build keys accepted in the object form (compose-spec `build`). */
const BUILD_KEYS = new Set([
  "context",
  "dockerfile",
  "dockerfile_inline",
  "args",
  "ssh",
  "labels",
  "cache_from",
  "cache_to",
  "no_cache",
  "additional_contexts",
  "network",
  "pull",
  "target",
  "shm_size",
  "extra_hosts",
  "isolation",
  "privileged",
  "secrets",
  "tags",
  "ulimits",
  "platforms",
  "entitlements",
]);

/** Git URLs and remote contexts are passed through unchanged. */
function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || context.startsWith("github.com/");
}

/** The context as seen from the output folder (POSIX, `./` or `../` prefixed); `-o -` keeps it as typed. */
export function rebaseContext(context: string, cwd: string, outputDir: string): string {
  if (outputDir === "-" || isAbsolute(context) || isRemote(context)) return context;
  const rel = relative(resolve(cwd, outputDir), resolve(cwd, context)).split("\\").join("/");
  if (rel === "") return ".";
  return rel.startsWith("../") || rel === ".." ? rel : `./${rel}`;
}

/** Build args as Compose writes them: a map of strings, `null` for "take it from the environment". */
function normaliseArgs(args: unknown): Record<string, string | null> | string {
  const out: Record<string, string | null> = {};
  if (Array.isArray(args)) {
    for (const a of args) {
      if (typeof a !== "string") return `"args" entries must be strings like NAME=value or NAME`;
      const eq = a.indexOf("=");
      if (eq < 0) out[a] = null;
      else out[a.slice(0, eq)] = a.slice(eq + 1);
    }
    return out;
  }
  if (args && typeof args === "object") {
    for (const [k, v] of Object.entries(args)) {
      if (v === null || v === undefined) out[k] = null;
      else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
      else return `"args.${k}" must be a string, a number, a boolean or null`;
    }
    return out;
  }
  return `"args" must be a map or a list`;
}

/** Parses every `--build` value; a string is the usage error to print. */
export function parseBuildFlags(specs: readonly string[], cwd: string, outputDir: string): Record<string, BuildConfig> | string | undefined {
  if (!specs.length) return undefined;
  const out: Record<string, BuildConfig> = {};
  for (const s of specs) {
    const eq = s.indexOf("=");
    if (eq <= 0) return `invalid --build "${s}": expected CONTAINER=CONTEXT (or WORKLOAD.CONTAINER=CONTEXT, or CONTAINER={"context": …, "args": …})`;
    const key = s.slice(0, eq);
    const value = s.slice(eq + 1);
    if (!value.startsWith("{")) {
      if (!value) return `invalid --build "${s}": the build context is empty`;
      out[key] = { context: rebaseContext(value, cwd, outputDir) };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(value);
    } catch (e) {
      return `invalid --build "${s}": not JSON or YAML: ${(e as Error).message.split("\n")[0]}`;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return `invalid --build "${s}": expected a map`;
    const cfg: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (!BUILD_KEYS.has(k)) return `invalid --build "${s}": unknown build key "${k}" (Compose's build keys: ${[...BUILD_KEYS].join(", ")})`;
      cfg[k] = v;
    }
    if (typeof cfg.context !== "string" || !cfg.context) return `invalid --build "${s}": "context" must be a non-empty string`;
    cfg.context = rebaseContext(cfg.context, cwd, outputDir);
    if (cfg.args !== undefined) {
      const args = normaliseArgs(cfg.args);
      if (typeof args === "string") return `invalid --build "${s}": ${args}`;
      cfg.args = args;
    }
    out[key] = cfg as BuildConfig;
  }
  return out;
}
