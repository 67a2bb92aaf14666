// `scorec generate --check`: would writing the artifacts change anything on disk? The diff is a
// unified diff (3 lines of context) per stale file, in path order, with `--- a/<path>` and
// `+++ b/<path>` headers and no timestamps, so CI logs are stable and `git apply`/`patch -p1` read it.
// A missing file diffs from `/dev/null` (all lines added). Only the artifacts are compared: files on
// disk that no artifact names are not the compiler's business.
import { readFileSync, statSync, type Stats } from "node:fs";
import { join, resolve } from "node:path";
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { contentBytes, contentText, DEFAULT_ARTIFACT_MODE } from "./artifact-content.js";
import { validateArtifactPaths } from "./artifact-paths.js";
import { compareKeys } from "./ordered-keys.js";
import type { Artifact } from "./target.js";

export interface DriftResult {
  stale: boolean;
  diff: string;
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, "0");
}

function unifiedDiff(path: string, before: string | undefined, after: string): string {
  const oldName = before === undefined ? "/dev/null" : `a/${path}`;
  const patch = structuredPatch(oldName, `b/${path}`, before ?? "", after, undefined, undefined, { context: 3 });
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/** One artifact's drift text, or "" when the disk already matches. */
function fileDrift(root: string, a: Artifact): string {
  const target = join(root, ...a.path.split("/"));
  let st: Stats | undefined;
  try {
    st = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOTDIR") throw e;
    return `${a.path}: a folder above it is a file on disk\n`;
  }
  const wanted = contentBytes(a.content);
  if (st && !st.isFile()) return `${a.path}: not a file on disk\n`;
  const onDisk = st ? readFileSync(target) : undefined;
  if (onDisk && onDisk.equals(wanted)) {
    const mode = a.mode ?? DEFAULT_ARTIFACT_MODE;
    const diskMode = st!.mode & 0o7777;
    if (process.platform === "win32" || diskMode === mode) return "";
    return `${a.path}: mode ${octal(diskMode)} on disk, ${octal(mode)} expected\n`;
  }
  const newText = contentText(a.content);
  const oldText = onDisk === undefined ? undefined : contentText(onDisk);
  if (newText === undefined || (onDisk !== undefined && oldText === undefined)) {
    return `Binary files ${onDisk === undefined ? "/dev/null" : `a/${a.path}`} and b/${a.path} differ\n`;
  }
  return unifiedDiff(a.path, oldText, newText);
}

export function checkDrift(outputDir: string, artifacts: readonly Artifact[]): DriftResult {
  // The same path rules as writing: --check must never read outside the output folder either.
  validateArtifactPaths(artifacts);
  const root = resolve(outputDir);
  const sorted = [...artifacts].sort((x, y) => compareKeys(x.path, y.path));
  const diff = sorted.map((a) => fileDrift(root, a)).join("");
  return { stale: diff !== "", diff };
}
