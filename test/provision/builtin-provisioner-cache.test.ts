// The build-time parse of the built-in provisioner files (scripts/precompile-provisioners.mjs, run by
// `npm test` through `npm run build`): it must give exactly what parsing the YAML gives, be ignored as soon as
// the bytes differ, and still give source positions (parsed on demand) for diagnostics and go-to-definition.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VFile } from "vfile";
import { afterAll, describe, expect, it } from "vitest";
import { parseYaml } from "../../src/parse/parse-yaml.js";
import { builtInCachePath, cachedBuiltInValue } from "../../src/provision/builtin-provisioner-cache.js";
import { loadProvisioners } from "../../src/provision/load-provisioners.js";
import { REPO } from "../helpers/paths.js";

const builtInFiles = readdirSync(join(REPO, "targets")).flatMap((t) => {
  const dir = join(REPO, "targets", t, "provisioners");
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".provisioners.yaml")).map((n) => join(dir, n)) : [];
});
const parsed = (bytes: Buffer) => parseYaml(new VFile({ path: "x" }), bytes, undefined, { root: "list" });
const tmp = mkdtempSync(join(tmpdir(), "scorec-prov-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("built-in provisioner files parsed at build time", () => {
  it("covers every built-in file, with the value the YAML parser gives", () => {
    expect(builtInFiles.length).toBeGreaterThanOrEqual(6);
    for (const path of builtInFiles) {
      const bytes = readFileSync(path);
      expect(existsSync(builtInCachePath(path)!), path).toBe(true);
      expect(cachedBuiltInValue(path, bytes), path).toEqual(parsed(bytes).documents[0]!.value);
    }
  });

  it("is not used when the bytes differ from the ones it was built from", () => {
    const path = builtInFiles.find((p) => p.includes("compose"))!;
    const bytes = readFileSync(path);
    expect(cachedBuiltInValue(path, Buffer.concat([bytes, Buffer.from("\n")]))).toBeUndefined();
    expect(cachedBuiltInValue(path, bytes.subarray(1))).toBeUndefined();
    // a file outside the package has no cache
    expect(builtInCachePath(join(tmp, "zz-default.provisioners.yaml"))).toBeUndefined();
  });

  it("gives the same provisioners and source positions as parsing, positions parsed on demand", () => {
    const dir = join(REPO, "targets", "compose", "provisioners");
    const fromCache = loadProvisioners({ builtInDir: dir, paths: [] });
    // the same files as user files (outside the package: never cached)
    const copy = join(tmp, "copy");
    mkdirSync(copy);
    for (const n of readdirSync(dir)) copyFileSync(join(dir, n), join(copy, n));
    const fromYaml = loadProvisioners({ paths: [copy] });
    expect(fromCache.provisioners.map((p) => p.spec)).toEqual(fromYaml.provisioners.map((p) => p.spec));
    expect(fromCache.provisioners.every((p) => p.builtIn)).toBe(true);
    for (const [i, p] of fromCache.provisioners.entries()) {
      const q = fromYaml.provisioners[i]!;
      expect(p.index).toBe(q.index);
      expect(p.source!.rangeOfPointer(0, `/${p.index}/uri`)).toEqual(q.source!.rangeOfPointer(0, `/${q.index}/uri`));
    }
    expect(fromCache.files.flatMap((f) => f.messages)).toEqual([]);
  });
});
