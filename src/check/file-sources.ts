// `files.<target>.source` is read relative to the Score file. It must be a relative path inside the Score
// file's folder (score-compose's rule), and its real path must stay inside the project root — also through
// symlinks — so a Score file cannot pull /etc/shadow or ~/.ssh into an output.
import { realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { toPointer } from "../parse/source-file.js";
import { reportAt } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";

export interface FileSourceOptions {
  /** Project root (absolute); sources must resolve inside it. */
  root: string;
}

/** Absolute path of a file source, relative to the Score file that names it (cwd for stdin). */
export function sourcePath(w: Workload, source: string, root: string): string {
  const base = w.input.path === "-" ? root : dirname(resolve(root, w.input.path));
  return resolve(base, source);
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Relative, non-empty, and no `..` climbing above its start once `.`/`..` segments are resolved. */
export function isLocalPath(p: string): boolean {
  if (p === "" || isAbsolute(p) || p.includes("\0")) return false;
  let depth = 0;
  for (const seg of p.split("/")) {
    if (seg === "..") depth--;
    else if (seg !== "" && seg !== ".") depth++;
    if (depth < 0) return false;
  }
  return true;
}

/** Returns the resolved real path, or undefined after reporting why it is refused. */
export function checkFileSource(w: Workload, container: string, target: string, source: string, opts: FileSourceOptions): string | undefined {
  const pointer = toPointer(["containers", container, "files", target, "source"]);
  // score-compose's rule (Go's filepath.IsLocal): a relative path that stays inside the Score file's folder.
  if (!isLocalPath(source)) {
    reportAt(w, pointer, `file source "${source}" must be a relative path within the Score file's folder`, {
      ruleId: "score/file-source-escape",
      severity: "error",
    });
    return undefined;
  }
  const abs = sourcePath(w, source, opts.root);
  let rootReal = opts.root;
  try {
    rootReal = realpathSync(opts.root);
  } catch {
    /* keep as given */
  }
  if (!inside(opts.root, abs) && !inside(rootReal, abs)) {
    reportAt(w, pointer, `file source "${source}" resolves outside the project root; only files inside it may be read`, {
      ruleId: "score/file-source-escape",
      severity: "error",
    });
    return undefined;
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    reportAt(w, pointer, `file source "${source}" does not exist (looked for ${relative(opts.root, abs) || abs})`, {
      ruleId: "score/file-source-missing",
      severity: "error",
    });
    return undefined;
  }
  if (!inside(rootReal, real)) {
    reportAt(w, pointer, `file source "${source}" is a symlink to a file outside the project root; refusing to read it`, {
      ruleId: "score/file-source-escape",
      severity: "error",
    });
    return undefined;
  }
  if (!statSync(real).isFile()) {
    reportAt(w, pointer, `file source "${source}" is not a regular file`, { ruleId: "score/file-source-missing", severity: "error" });
    return undefined;
  }
  return real;
}

export function checkFileSources(w: Workload & { spec: NonNullable<Workload["spec"]> }, opts: FileSourceOptions): void {
  for (const cname of Object.keys(w.spec.containers).sort()) {
    const files = (w.spec.containers[cname]!.files ?? {}) as Record<string, { source?: string }>;
    for (const t of Object.keys(files).sort()) {
      const src = files[t]!.source;
      if (typeof src === "string") checkFileSource(w, cname, t, src, opts);
    }
  }
}

/**
 * A file's target is a path inside the container; `.`/`..` segments would also steer where targets write it.
 * Targets write each file under a path derived from its target, so two targets of one container must never
 * land on the same mount file: not when they differ only by a leading `/`, doubled or trailing slashes, or
 * letter case (the output folder may live on a case-insensitive disk), nor when one is a folder of the other.
 */
export function checkFileTargets(w: Workload & { spec: NonNullable<Workload["spec"]> }): void {
  for (const cname of Object.keys(w.spec.containers).sort()) {
    const files = w.spec.containers[cname]!.files;
    if (!files) continue;
    const seen = new Map<string, string>();
    for (const target of Object.keys(files).sort()) {
      const fail = (message: string) => reportAt(w, toPointer(["containers", cname, "files", target]), message, { ruleId: "score/file-target", severity: "error", key: true });
      const segs = target.replace(/^\//, "").split("/");
      if (segs.some((seg) => seg === "." || seg === "..")) {
        fail(`file target "${target}" must not contain "." or ".." segments`);
        continue;
      }
      if (segs.some((seg) => seg === "")) {
        fail(`file target "${target}" must not contain empty segments (// or a trailing /)`);
        continue;
      }
      const key = segs.join("/").toLowerCase();
      const same = seen.get(key);
      if (same !== undefined) {
        fail(`file targets "${same}" and "${target}" would share one mount file`);
        continue;
      }
      for (const [other, otherTarget] of seen) {
        if (key.startsWith(other + "/") || other.startsWith(key + "/"))
          fail(`file targets "${otherTarget}" and "${target}" cannot both exist: one is inside the other`);
      }
      seen.set(key, target);
    }
  }
}
