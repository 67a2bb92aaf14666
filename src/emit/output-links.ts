// Symbolic links inside the output folder. A link planted there (`out/mounts/x → ../../victim`) must not
// make scorec write, read or delete anything outside the folder: every path the writer, the pruner or
// --check touches is walked segment by segment, and a link whose real target leaves the output folder
// (or points nowhere) is refused with a clear error. Links that stay inside are harmless and followed.
import type * as nodeFs from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import { ArtifactPathError } from "./artifact-paths.js";

export type LinkFs = Pick<typeof nodeFs, "lstatSync" | "realpathSync">;

/** Where the output folder really is (links above it are the user's choice), or undefined if it does not exist. */
export function realOutputRoot(fs: LinkFs, root: string): string | undefined {
  try {
    return fs.realpathSync(root);
  } catch {
    return undefined;
  }
}

function inside(realRoot: string, p: string): boolean {
  const rel = relative(realRoot, p);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Throws ArtifactPathError when a segment of `rel` under `root` is a link that leaves the output folder. */
export function refuseLinksOut(fs: LinkFs, root: string, realRoot: string | undefined, rel: string): void {
  if (realRoot === undefined) return; // the folder does not exist yet: nothing in it can be a link
  const segments = rel.split("/");
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join("/");
    const full = join(root, ...segments.slice(0, i));
    let st: nodeFs.Stats | undefined;
    try {
      st = fs.lstatSync(full, { throwIfNoEntry: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return; // a file above: the caller reports it
      throw e;
    }
    if (!st) return;
    if (!st.isSymbolicLink()) continue;
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch {
      throw new ArtifactPathError(rel, `${prefix} is a symbolic link that points nowhere; scorec does not write through links it cannot follow inside the output folder`);
    }
    if (!inside(realRoot, real)) {
      throw new ArtifactPathError(rel, `${prefix} is a symbolic link to ${real}, outside the output folder; scorec never writes, reads or deletes through it (remove the link)`);
    }
  }
}
