// Where scorec's own files (schemas/, targets/, policies/) are, whether we run from src/ (tests) or dist/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "scorec") return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("scorec: cannot find the package root (package.json)");
    dir = up;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}

export function readPackageJson(relative: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageRoot(), relative), "utf8"));
}
