// The command line runs from one esbuild bundle in two packs (dist/cli/, built by `npm run build`, which `npm test`
// runs first): bin/scorec.js compiles the core pack with the V8 code cache made at build time, a single-file
// `check` reads neither the rest pack (language server, Rego engine, init…) nor any module of dist/src, and what
// the bundle reaches outside itself still works from there: the package root (version, chart path), the WASM eval
// worker file and the lazily required graphql.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

// Preloaded into the child: logs each vm.Script the launcher compiles (with what V8 did with its code cache) and
// each file read through fs.readFileSync (the CommonJS loader reads required files that way), on stderr.
const SPY = `const fs = require("node:fs");
const vm = require("node:vm");
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  if (typeof path === "string") process.stderr.write("READ " + path + "\\n");
  return readFileSync.call(this, path, ...rest);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    process.stderr.write("SCRIPT " + options.filename + " " + (options.cachedData ? (this.cachedDataRejected ? "rejected" : "accepted") : "none") + "\\n");
  }
};
`;

let dir: string;
const spied = (nodeFlags: string[], args: string[]) =>
  spawnSync(process.execPath, [...nodeFlags, "--require", join(dir, "spy.cjs"), join(REPO, "bin", "scorec.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
const lines = (stderr: string, tag: string) => stderr.split("\n").filter((l) => l.startsWith(tag + " ")).map((l) => l.slice(tag.length + 1));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "scorec-bundle-"));
  writeFileSync(join(dir, "spy.cjs"), SPY);
  writeFileSync(join(dir, "score.yaml"), SCORE);
  writeFileSync(join(dir, "image-tag.wasm"), await imageTagWasm());
  writeFileSync(
    join(dir, "gql.rego"),
    'package main\n\ndeny contains msg if {\n  not graphql.is_valid("type Query { a: Int }", "{ b }")\n  msg := "query is not valid"\n}\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bundled command line", () => {
  it("a single-file check compiles the core pack from its code cache and reads no other module", () => {
    const r = spied([], ["check", "score.yaml"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("checked 1 file");
    expect(lines(r.stderr, "SCRIPT")).toEqual([`${join(REPO, "dist", "cli", "scorec-core.cjs")} accepted`]);
    const read = lines(r.stderr, "READ");
    expect(read).toContain(join(REPO, "dist", "cli", "scorec.code-cache"));
    expect(read).not.toContain(join(REPO, "dist", "cli", "scorec-rest.cjs"));
    expect(read.filter((p) => p.includes(`${join("dist", "src")}`))).toEqual([]);
    // the launcher itself, and the one helper the precompiled validators require from ajv
    expect(read.filter((p) => p.endsWith(".js") || p.endsWith(".mjs"))).toEqual([
      join(REPO, "bin", "scorec.js"),
      join(REPO, "node_modules", "ajv", "dist", "runtime", "ucs2length.js"),
    ]);
  });

  it("compiles from source, with the same answer, when V8 rejects the cache (other V8 flags)", () => {
    const cached = spied([], ["check", "score.yaml", "--format", "json"]);
    const rejected = spied(["--max-old-space-size=300"], ["check", "score.yaml", "--format", "json"]);
    expect(lines(rejected.stderr, "SCRIPT")).toEqual([`${join(REPO, "dist", "cli", "scorec-core.cjs")} rejected`]);
    expect(rejected.status).toBe(cached.status);
    expect(rejected.stdout).toBe(cached.stdout);
  });

  it("says to run npm ci when dist/ is missing", () => {
    const bin = join(dir, "no-dist", "bin");
    mkdirSync(bin, { recursive: true });
    copyFileSync(join(REPO, "bin", "scorec.js"), join(bin, "scorec.js"));
    copyFileSync(join(REPO, "bin", "package.json"), join(bin, "package.json"));
    const r = spawnSync(process.execPath, [join(bin, "scorec.js"), "check"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^scorec: cannot start \(ENOENT: no such file or directory, open '.*scorec-core\.cjs'\); run npm ci to build dist\/\n$/);
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
    const gql = spied([], ["check", "score.yaml", "--policy", "gql.rego"]);
    expect(gql.status).toBe(1);
    expect(gql.stdout).toContain("query is not valid");
    // the Rego engine lives in the rest pack, compiled from source on first use
    expect(lines(gql.stderr, "SCRIPT")).toEqual([`${join(REPO, "dist", "cli", "scorec-core.cjs")} accepted`, `${join(REPO, "dist", "cli", "scorec-rest.cjs")} none`]);
  });

  describe("a code cache that does not belong to its pack is not used (V8 checks only the source's length)", () => {
    /** A copy of the package whose bin/ and dist/cli/ are real copies (the rest linked), with dist/cli changed by `edit`. */
    const copyWith = (name: string, edit: (cli: string) => void): string => {
      const root = join(dir, name);
      mkdirSync(join(root, "dist"), { recursive: true });
      for (const e of readdirSync(REPO)) if (e !== "dist" && e !== "bin" && e !== ".git") symlinkSync(join(REPO, e), join(root, e));
      for (const e of readdirSync(join(REPO, "dist"))) if (e !== "cli") symlinkSync(join(REPO, "dist", e), join(root, "dist", e));
      cpSync(join(REPO, "dist", "cli"), join(root, "dist", "cli"), { recursive: true });
      cpSync(join(REPO, "bin"), join(root, "bin"), { recursive: true });
      edit(join(root, "dist", "cli"));
      return root;
    };
    const run = (root: string) =>
      spawnSync(process.execPath, ["--require", join(dir, "spy.cjs"), join(root, "bin", "scorec.js"), "check", "score.yaml", "--format", "json"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 60_000,
      });

    it("damaged cache bytes (which would crash V8) mean compiling from source, with the same answer", () => {
      const root = copyWith("damaged-cache", (cli) => {
        const file = join(cli, "scorec.code-cache");
        const bytes = readFileSync(file);
        for (let i = 64; i < bytes.length; i += 997) bytes[i] ^= 0xff;
        writeFileSync(file, bytes);
      });
      const good = run(REPO);
      const damaged = run(root);
      expect(lines(damaged.stderr, "SCRIPT")).toEqual([`${join(root, "dist", "cli", "scorec-core.cjs")} none`]);
      expect(damaged.status).toBe(good.status);
      expect(damaged.stdout).toBe(good.stdout);
    });

    it("a pack edited in place at the same length runs its new text, not the cached bytecode of the old", () => {
      const root = copyWith("edited-pack", (cli) => {
        const file = join(cli, "scorec-core.cjs");
        const text = readFileSync(file, "latin1");
        expect(text).toContain("[`checked ${");
        writeFileSync(file, text.replace("[`checked ${", "[`CHECKED ${"), "latin1");
      });
      const r = spawnSync(process.execPath, [join(root, "bin", "scorec.js"), "check", "score.yaml"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      expect(r.stdout).toContain("CHECKED 1 file");
    });
  });
});
