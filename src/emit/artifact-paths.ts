// Checks every artifact path before anything touches the disk: an emitter bug must never write
// outside the output folder or leave half of a generation behind.
import type { Artifact } from "./target.js";

/** A bad artifact path (or one that clashes with another artifact or with what is on disk). */
export class ArtifactPathError extends Error {
  override readonly name = "ArtifactPathError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`bad output path ${JSON.stringify(path)}: ${reason}`);
  }
}

/** Why `path` is not a plain relative POSIX file path, or undefined when it is one. */
export function pathProblem(path: string): string | undefined {
  if (typeof path !== "string" || path === "") return "it is empty";
  if (path.includes("\0")) return "it contains a NUL character";
  if (path.includes("\\")) return "it contains a backslash (paths are POSIX, with /)";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "it is absolute";
  const segments = path.split("/");
  if (segments.includes("..")) return "it has a .. segment";
  if (segments.includes(".")) return "it has a . segment";
  if (segments.includes("")) return "it has an empty segment (// or a trailing /)";
  return undefined;
}

/**
 * Throws ArtifactPathError for the first artifact (in the given order) whose path is not relative
 * POSIX, leaves the folder, repeats another, or is both a file and a folder (`a` and `a/b`).
 */
export function validateArtifactPaths(artifacts: readonly Artifact[]): void {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const a of artifacts) {
    const problem = pathProblem(a.path);
    if (problem) throw new ArtifactPathError(String(a.path), problem);
    if (a.mode !== undefined && !(Number.isInteger(a.mode) && a.mode >= 0 && a.mode <= 0o7777)) {
      throw new ArtifactPathError(a.path, `mode ${String(a.mode)} is not a file mode (0 to 0o7777)`);
    }
    if (files.has(a.path)) throw new ArtifactPathError(a.path, "two artifacts have this path");
    if (folders.has(a.path)) throw new ArtifactPathError(a.path, "it is also a folder of another artifact");
    const segments = a.path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join("/");
      if (files.has(folder)) throw new ArtifactPathError(a.path, `its folder ${folder} is also an artifact file`);
      folders.add(folder);
    }
    files.add(a.path);
  }
}
