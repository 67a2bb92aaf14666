// The only code that writes generated files. All-or-nothing as far as the filesystem allows:
//   1. every path is validated, and checked against the disk, before anything is written;
//   2. every changed file is written to a temp file beside its target (`.<name>.scorec-tmp-<n>`);
//      if one write fails, the temp files (and folders) made so far are removed and nothing changed;
//   3. the temp files are renamed over their targets (rename is atomic: a reader sees the old or the
//      new file, never half of one).
// Files whose bytes and mode already match are not touched (their mtime stays, so `make` and file
// watchers see no change).
// With a manifest (the CLI always asks for one), files this target wrote on an earlier run and no longer
// produces are deleted after the renames — only when their bytes are still what scorec wrote — and the
// manifest is renamed into place last, so a failure half-way leaves the old manifest to retry from.
// Nothing the writer did not write is ever deleted, and no symbolic link is followed out of the folder.
import * as nodeFs from "node:fs";
import { dirname, join, resolve } from "node:path";
import { contentBytes, DEFAULT_ARTIFACT_MODE } from "./artifact-content.js";
import { ArtifactPathError, validateArtifactPaths } from "./artifact-paths.js";
import { realOutputRoot, refuseLinksOut } from "./output-links.js";
import {
  digestOf, droppedFiles, emptyManifest, MANIFEST_NAME, manifestArtifact, nextManifest, parseManifest, refuseManifestName,
  type OutputManifest,
} from "./output-manifest.js";
import type { Artifact } from "./target.js";

export { ArtifactPathError } from "./artifact-paths.js";
export { ManifestError, MANIFEST_NAME } from "./output-manifest.js";
export { printArtifacts } from "./artifact-printer.js";

/** Modes are not meaningful on Windows (only a read-only bit): compare and apply them elsewhere. */
const MODES_APPLY = process.platform !== "win32";

/** Writing one artifact failed; everything the writer had created for this run was removed. */
export class ArtifactWriteError extends Error {
  override readonly name = "ArtifactWriteError";
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`could not write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The filesystem calls the writer makes; tests pass a copy with one call made to fail. */
export type WriterFs = Pick<
  typeof nodeFs,
  "statSync" | "lstatSync" | "realpathSync" | "readFileSync" | "mkdirSync" | "writeFileSync" | "chmodSync" | "renameSync" | "unlinkSync" | "rmdirSync"
>;

export interface WriteOptions {
  /** Keep `.scorec-manifest.json` for this target (its name) and prune what it no longer produces. */
  manifest?: string;
}

export interface WriteResult {
  /** Paths written (new or changed content or mode), in artifact order. */
  written: string[];
  /** Paths already up to date on disk. */
  unchanged: string[];
  /** Files written by an earlier run that this run no longer produces, now deleted (code-point order). */
  pruned: string[];
  /** Such files left in place because they are no longer what scorec wrote, and why. */
  kept: { path: string; reason: string }[];
}

/** The manifest on disk, or an empty one. A link or a folder in its place is refused. */
export function readManifest(fs: Pick<WriterFs, "lstatSync" | "readFileSync">, root: string): OutputManifest {
  const path = join(root, MANIFEST_NAME);
  let st: nodeFs.Stats | undefined;
  try {
    st = fs.lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return emptyManifest();
    throw e;
  }
  if (!st) return emptyManifest();
  if (!st.isFile()) throw new ArtifactPathError(MANIFEST_NAME, "it is not a regular file on disk (a link or a folder): scorec will not read or replace it");
  return parseManifest(fs.readFileSync(path, "utf8"));
}

export interface PrunePlan {
  remove: string[];
  kept: { path: string; reason: string }[];
}

/** Which dropped files can go: only regular files whose bytes still have the digest scorec recorded. */
export function planPrune(fs: Pick<WriterFs, "lstatSync" | "realpathSync" | "readFileSync">, root: string, dropped: [string, string][]): PrunePlan {
  const realRoot = realOutputRoot(fs, root);
  const out: PrunePlan = { remove: [], kept: [] };
  for (const [path, digest] of dropped) {
    refuseLinksOut(fs, root, realRoot, path);
    let st: nodeFs.Stats | undefined;
    try {
      st = fs.lstatSync(join(root, ...path.split("/")), { throwIfNoEntry: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOTDIR") continue;
      throw e;
    }
    if (!st) continue; // already gone
    if (!st.isFile()) out.kept.push({ path, reason: "it is no longer a regular file" });
    else if (digestOf(fs.readFileSync(join(root, ...path.split("/")))) !== digest) out.kept.push({ path, reason: "it changed since scorec wrote it" });
    else out.remove.push(path);
  }
  return out;
}

// A plan holds no bytes: each file's bytes are made when they are compared or written and dropped right
// after, so the whole output is never in memory twice (text and bytes) at once.
interface Plan {
  artifact: Artifact;
  target: string;
  mode: number;
  /** content: bytes differ or the file is missing; mode: only the mode differs. */
  change: "none" | "content" | "mode";
  temp?: string;
}

/** The path's stat, or undefined when it (or a folder above it) does not exist. */
function statOrUndefined(fs: WriterFs, path: string): nodeFs.Stats | undefined {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw e;
  }
}

/** Step 1: what each artifact needs, refusing anything the disk makes impossible. */
function plan(fs: WriterFs, root: string, artifacts: readonly Artifact[]): Plan[] {
  const rootStat = statOrUndefined(fs, root);
  if (rootStat && !rootStat.isDirectory()) throw new ArtifactPathError(".", `the output folder ${root} is a file`);
  const realRoot = realOutputRoot(fs, root);
  return artifacts.map((artifact) => {
    refuseLinksOut(fs, root, realRoot, artifact.path);
    try {
      return planOne(fs, root, artifact);
    } catch (e) {
      if (e instanceof ArtifactPathError) throw e;
      throw new ArtifactWriteError(artifact.path, e); // e.g. an unreadable existing file
    }
  });
}

function planOne(fs: WriterFs, root: string, artifact: Artifact): Plan {
  const segments = artifact.path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const st = statOrUndefined(fs, join(root, ...segments.slice(0, i)));
    if (!st) break;
    if (!st.isDirectory()) throw new ArtifactPathError(artifact.path, `${segments.slice(0, i).join("/")} is a file on disk, not a folder`);
  }
  const target = join(root, ...segments);
  const mode = artifact.mode ?? DEFAULT_ARTIFACT_MODE;
  const st = statOrUndefined(fs, target);
  if (st?.isDirectory()) throw new ArtifactPathError(artifact.path, "a folder with this name exists on disk");
  let change: Plan["change"] = "content";
  if (st?.isFile() && contentBytes(artifact.content).equals(fs.readFileSync(target))) {
    change = MODES_APPLY && (st.mode & 0o7777) !== mode ? "mode" : "none";
  }
  return { artifact, target, mode, change };
}

/** A temp name beside the target that does not exist yet: `.<name>.scorec-tmp-<n>`, n from the artifact's index. */
function createTemp(fs: WriterFs, p: Plan, index: number, count: number): string {
  const base = p.target.slice(dirname(p.target).length + 1);
  const bytes = contentBytes(p.artifact.content);
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(p.target), `.${base}.scorec-tmp-${index + attempt * count}`);
    try {
      // `wx`: never overwrite something that is already there (a user's file or another run's temp).
      fs.writeFileSync(temp, bytes, { flag: "wx", mode: p.mode });
      return temp;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 100) throw e;
    }
  }
}

function removeQuietly(fs: WriterFs, temps: string[], folders: string[]): void {
  for (const t of temps) {
    try {
      fs.unlinkSync(t);
    } catch {
      // already gone: nothing to undo
    }
  }
  // Deepest first; rmdir refuses non-empty folders, so nothing else can be lost.
  for (const f of [...folders].reverse()) {
    try {
      fs.rmdirSync(f);
    } catch {
      // not empty or already gone
    }
  }
}

/**
 * Writes `artifacts` under `outputDir` (created if missing). Throws ArtifactPathError before touching
 * the disk when a path is invalid or clashes with the disk, ArtifactWriteError naming the file when a
 * write fails.
 */
export function writeArtifacts(outputDir: string, artifacts: readonly Artifact[], fs: WriterFs = nodeFs, options: WriteOptions = {}): WriteResult {
  validateArtifactPaths(artifacts);
  const root = resolve(outputDir);
  let prune: PrunePlan = { remove: [], kept: [] };
  let all = artifacts;
  if (options.manifest !== undefined) {
    refuseManifestName(artifacts);
    const previous = readManifest(fs, root);
    prune = planPrune(fs, root, droppedFiles(previous, options.manifest, artifacts));
    // The manifest goes last: it is renamed into place only after the pruning.
    all = [...artifacts, manifestArtifact(nextManifest(previous, options.manifest, artifacts))];
  }
  const plans = plan(fs, root, all);

  // Step 2: temp files.
  const temps: string[] = [];
  const folders: string[] = [];
  for (const [i, p] of plans.entries()) {
    if (p.change !== "content") continue;
    try {
      const made = fs.mkdirSync(dirname(p.target), { recursive: true });
      if (made) {
        // mkdir returns the first folder it created; remember it and those below it for cleanup.
        for (let d = dirname(p.target); d.length >= made.length; d = dirname(d)) folders.push(d);
        folders.sort((a, b) => a.length - b.length);
      }
      p.temp = createTemp(fs, p, i, plans.length);
      temps.push(p.temp);
      if (MODES_APPLY) fs.chmodSync(p.temp, p.mode); // exact mode, whatever the umask
    } catch (e) {
      removeQuietly(fs, temps, folders);
      throw new ArtifactWriteError(p.artifact.path, e);
    }
  }

  // Step 3: rename into place.
  const result: WriteResult = { written: [], unchanged: [], pruned: [], kept: prune.kept };
  const pending = new Set(temps);
  for (const [i, p] of plans.entries()) {
    if (options.manifest !== undefined && i === plans.length - 1) removeDropped(fs, root, prune.remove, result, [...pending]);
    try {
      if (p.change === "content" && p.temp) {
        fs.renameSync(p.temp, p.target);
        pending.delete(p.temp);
      } else if (p.change === "mode") fs.chmodSync(p.target, p.mode);
    } catch (e) {
      removeQuietly(fs, [...pending], []);
      throw new ArtifactWriteError(p.artifact.path, e);
    }
    if (p.artifact.path === MANIFEST_NAME && options.manifest !== undefined) continue; // bookkeeping, not output
    (p.change === "none" ? result.unchanged : result.written).push(p.artifact.path);
  }
  return result;
}

/** Step 3b: delete the dropped files, then the folders they leave empty (up to, not including, the root). */
function removeDropped(fs: WriterFs, root: string, paths: readonly string[], result: WriteResult, pending: string[]): void {
  const folders = new Set<string>();
  for (const path of paths) {
    try {
      fs.unlinkSync(join(root, ...path.split("/")));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      removeQuietly(fs, pending, []);
      throw new ArtifactWriteError(path, e);
    }
    result.pruned.push(path);
    const segments = path.split("/");
    for (let i = segments.length - 1; i >= 1; i--) folders.add(segments.slice(0, i).join("/"));
  }
  // Deepest first; rmdir refuses a folder that still holds anything, so only emptied folders go.
  for (const f of [...folders].sort((a, b) => b.split("/").length - a.split("/").length)) {
    try {
      fs.rmdirSync(join(root, ...f.split("/")));
    } catch {
      // not empty (other files, the user's own): keep it
    }
  }
}
