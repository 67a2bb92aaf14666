// Paths on the command line → the Score files to compile. Directories are searched for the file names
// Score tools use; the result is sorted so argument order never changes the output.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { errnoWhy } from "./bounded-read.js";

const SCORE_FILE = /^(score\.ya?ml|.+\.score\.ya?ml)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".scorec"]);

export interface Discovered {
  files: string[];
  /** Paths that do not exist (reported by the load stage as unreadable). */
  missing: string[];
  /** Folders that exist but could not be listed (never skipped silently: a file there would be missed). */
  unreadable: { path: string; why: string }[];
}

/** POSIX-style display path: relative to cwd when inside it, as given otherwise. */
export function displayPath(p: string, cwd = process.cwd()): string {
  if (p === "-") return p;
  const rel = relative(cwd, p);
  const shown = rel && !rel.startsWith("..") && !rel.startsWith(sep) ? rel : p;
  return shown.split(sep).join("/");
}

export function isScoreFileName(name: string): boolean {
  return SCORE_FILE.test(name);
}

export function discover(paths: readonly string[], cwd = process.cwd()): Discovered {
  const files = new Set<string>();
  const missing: string[] = [];
  const unreadable: Discovered["unreadable"] = [];
  for (const p of paths) {
    if (p === "-") {
      files.add("-");
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(displayPath(p, cwd));
      continue;
    }
    if (st.isDirectory()) walk(p, files, cwd, unreadable);
    else files.add(displayPath(p, cwd));
  }
  return { files: [...files].sort(byCodePoint), missing, unreadable };
}

function walk(dir: string, out: Set<string>, cwd: string, unreadable: Discovered["unreadable"]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    unreadable.push({ path: displayPath(dir, cwd), why: errnoWhy(e) });
    return;
  }
  for (const e of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name), out, cwd, unreadable);
    } else if (isScoreFileName(e.name)) {
      // Not only regular files: a FIFO or a device named score.yaml is an input the load stage refuses by
      // name, and a symlink is followed there (never skipped silently).
      out.add(displayPath(join(dir, e.name), cwd));
    }
  }
}
