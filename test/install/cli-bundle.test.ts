// The command line runs from one esbuild bundle (dist/cli/, built by `npm run build`, which `npm test` runs
// first): bin/scorec.js loads it, a single-file `check` loads only the chunks it needs (no dist/src module,
// no language server, no Rego engine), and what the bundle reaches outside itself still works from there:
// the package root (version, chart path), the WASM eval worker file and the lazily required graphql.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageTagWasm } from "../policy/wasm/wasm-fixtures.js";
import { REPO } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:latest
`;

// Logs every file: URL the ESM loader loads, on stderr (a module hook registered before the launcher runs).
const HOOK = `export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "scorec-bundle-"));
  writeFileSync(join(dir, "score.yaml"), SCORE);
  writeFileSync(join(dir, "image-tag.wasm"), await imageTagWasm());
  writeFileSync(
    join(dir, "gql.rego"),
    'package main\n\ndeny contains msg if {\n  not graphql.is_valid("type Query { a: Int }", "{ b }")\n  msg := "query is not valid"\n}\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bundled command line", () => {
  it("a single-file check loads the bundle's check chunks only", () => {
    const r = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, join(REPO, "bin", "scorec.js"), "check", "score.yaml"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("checked 1 file");
    const loaded = r.stderr.split("\n").filter((l) => l.startsWith("LOADED ")).map((l) => l.slice("LOADED ".length));
    expect(loaded).toContain(pathToFileURL(join(REPO, "dist", "cli", "scorec.mjs")).href);
    expect(loaded.filter((u) => u.includes("/dist/src/"))).toEqual([]);
    // the language server, the Rego policy loader and init are chunks of their own, not loaded by check
    for (const lazy of ["server", "rego-policies", "init-action", "policy-test"]) expect(loaded.filter((u) => new RegExp(`/chunks/${lazy}-[A-Z0-9]+\\.mjs$`).test(u))).toEqual([]);
    expect(loaded.length).toBeLessThan(60);
  });

  it("answers --version from the package root and finds the chart", () => {
    const version = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version as string;
    expect(runCli(["--version"]).stdout.trim()).toBe(version);
    const chart = runCli(["chart", "path"]);
    expect(chart.code).toBe(0);
    expect(chart.stdout.trim()).toBe(join(REPO, "targets", "helm", "chart"));
  });

  it("runs a WASM policy in its worker and a Rego policy calling graphql", () => {
    const wasm = runCli(["check", "score.yaml", "--policy", "image-tag.wasm"], { cwd: dir });
    expect(wasm.code).toBe(1);
    expect(wasm.stdout).toContain('container "main" image "nginx:latest" uses the latest tag');
    const gql = runCli(["check", "score.yaml", "--policy", "gql.rego"], { cwd: dir });
    expect(gql.code).toBe(1);
    expect(gql.stdout).toContain("query is not valid");
  });
});
