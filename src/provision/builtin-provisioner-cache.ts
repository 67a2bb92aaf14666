// The targets' built-in provisioner files, parsed once at build time (scripts/precompile-provisioners.mjs).
//
// Why: parsing score-compose's 46 KB zz-default.provisioners.yaml with source ranges took ~100 ms of CPU in
// every `scorec check` — more than the rest of a single-file check. The build writes, next to tsc's output
// (dist/<path of the yaml>.json), the file's exact text and its value as JSON; a run that reads the same
// bytes takes the value from there and parses the YAML (for source ranges) only if a diagnostic needs a
// position in it. The stored text is compared whole, so an edited built-in file (a checkout between builds)
// is parsed as before: the cache can only skip work, never change a result.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { packageRoot } from "../package-root.js";

export interface BuiltInProvisionerCache {
  /** The YAML text the value was parsed from. */
  text: string;
  /** documents[0].value of parseYaml on that text: the provisioner list. */
  value: unknown;
}

/** Where the build puts the cache of a built-in file (undefined for a file outside the package). */
export function builtInCachePath(yamlPath: string): string | undefined {
  const root = packageRoot();
  const rel = relative(root, yamlPath);
  if (rel.startsWith("..") || rel.startsWith(sep) || rel.startsWith(`dist${sep}`)) return undefined;
  return join(root, "dist", `${rel}.json`);
}

/** The parsed value of a built-in provisioner file when the build cached exactly these bytes. */
export function cachedBuiltInValue(yamlPath: string, bytes: Buffer): unknown {
  const at = builtInCachePath(yamlPath);
  if (!at || !existsSync(at)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(at, "utf8")) as BuiltInProvisionerCache;
    return typeof cache.text === "string" && bytes.equals(Buffer.from(cache.text, "utf8")) ? cache.value : undefined;
  } catch {
    return undefined; // an unreadable cache is no cache
  }
}
