// An empty project that installs scorec from the tarball `npm pack` makes, offline: its lockfile pins
// scorec to the tarball and scorec's runtime dependencies to the exact entries of our own lockfile, so
// `npm ci --offline` takes everything from the npm cache that `npm ci` of this repository filled.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../helpers/paths.js";

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  [k: string]: unknown;
}

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", timeout: 180_000, env: { ...process.env, npm_config_update_notifier: "false" } });

/** `npm pack` of this repository into `dir` (dist/ is already built: no scripts run). Returns the file name. */
export function packTarball(dir: string): string {
  const out = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dir], REPO)) as { filename: string }[];
  return out[0]!.filename;
}

/** A project in `dir/project` with scorec as its only dev dependency, installed offline. Returns its folder. */
export function installOffline(dir: string, tarball: string): string {
  const project = join(dir, "project");
  mkdirSync(project, { recursive: true });
  const me = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
  const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const spec = `file:../${tarball}`;
  const packages: Record<string, unknown> = {
    "": { name: "project", version: "1.0.0", devDependencies: { scorec: spec } },
    "node_modules/scorec": {
      version: me.version,
      resolved: spec,
      integrity: "sha512-" + createHash("sha512").update(readFileSync(join(dir, tarball))).digest("base64"),
      dev: true,
      license: me.license,
      dependencies: me.dependencies,
      bin: me.bin,
      engines: me.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path && !entry.dev && !entry.link) packages[path] = { ...entry, dev: true };
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "project", version: "1.0.0", private: true, devDependencies: { scorec: spec } }, null, 2));
  writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "project", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2));
  npm(["ci", "--offline"], project);
  return project;
}
