// `scorec generate --check`: would writing the artifacts change anything on disk? The diff is a
// unified diff (3 lines of context) per stale file, in path order, with `--- a/<path>` and
// `+++ b/<path>` headers and no timestamps, so CI logs are stable and `git apply`/`patch -p1` read it.
// A missing file diffs from `/dev/null` (all lines added). With the manifest, files this target wrote on
// an earlier run and no longer produces (what `generate` would prune) diff to `/dev/null`, and the
// manifest itself is compared like any output; other files on disk are not the compiler's business.
// No symbolic link is followed out of the output folder (refused, as when writing).
import * as nodeFs from "node:fs";
import { readFileSync, statSync, type Stats } from "node:fs";
import { join, resolve } from "node:path";
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { contentBytes, contentText, DEFAULT_ARTIFACT_MODE } from "./artifact-content.js";
import { validateArtifactPaths } from "./artifact-paths.js";
import { planPrune, readManifest, type WriteOptions } from "./artifact-writer.js";
import { compareKeys } from "./ordered-keys.js";
import { realOutputRoot, refuseLinksOut } from "./output-links.js";
import { droppedFiles, manifestArtifact, nextManifest, refuseManifestName } from "./output-manifest.js";
import type { Artifact } from "./target.js";

export interface DriftResult {
  /** Anything at all differs. */
  stale: boolean;
  diff: string;
  /** Outputs not on disk. */
  missing: string[];
  /** Outputs whose bytes or mode differ on disk (the manifest included). */
  changed: string[];
  /** Files an earlier run wrote that are no longer produced: `generate` removes them. */
  leftover: string[];
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
function fileDrift(root: string, a: Artifact, missing: string[]): string {
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
  if (!onDisk) missing.push(a.path);
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

function removalDiff(root: string, path: string): string {
  const bytes = readFileSync(join(root, ...path.split("/")));
  const text = contentText(bytes);
  if (text === undefined) return `Binary files a/${path} and /dev/null differ\n`;
  return formatPatch(structuredPatch(`a/${path}`, "/dev/null", text, "", undefined, undefined, { context: 3 }), FILE_HEADERS_ONLY);
}

export function checkDrift(outputDir: string, artifacts: readonly Artifact[], options: WriteOptions = {}): DriftResult {
  // The same path rules as writing: --check must never read outside the output folder either.
  validateArtifactPaths(artifacts);
  const root = resolve(outputDir);
  let all = artifacts;
  let leftover: string[] = [];
  if (options.manifest !== undefined) {
    refuseManifestName(artifacts);
    const previous = readManifest(nodeFs, root);
    leftover = planPrune(nodeFs, root, droppedFiles(previous, options.manifest, artifacts)).remove;
    all = [...artifacts, manifestArtifact(nextManifest(previous, options.manifest, artifacts))];
  }
  const realRoot = realOutputRoot(nodeFs, root);
  for (const a of all) refuseLinksOut(nodeFs, root, realRoot, a.path);
  const missing: string[] = [];
  const changed: string[] = [];
  const parts: [string, string][] = [];
  for (const a of [...all].sort((x, y) => compareKeys(x.path, y.path))) {
    const before = missing.length;
    const text = fileDrift(root, a, missing);
    if (text && missing.length === before) changed.push(a.path);
    parts.push([a.path, text]);
  }
  for (const p of leftover) parts.push([p, removalDiff(root, p)]);
  const diff = parts.sort(([a], [b]) => compareKeys(a, b)).map(([, t]) => t).join("");
  return { stale: diff !== "", diff, missing, changed, leftover };
}
