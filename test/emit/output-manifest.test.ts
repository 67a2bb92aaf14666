// Issue 12, item 2: scorec records what it wrote (.scorec-manifest.json), removes what it wrote and no
// longer produces, never touches what it did not write, and --check reports missing/changed/stale files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-manifest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const withDb = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    variables:
      DB: \${resources.db.host}
resources:
  db:
    type: mysql
`;
const withoutDb = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
`;

describe("manifest, prune and --check", () => {
  const app = join(tmp, "app");
  const out = join(tmp, "app", "out");
  mkdirSync(app, { recursive: true });
  const score = join(app, "score.yaml");
  const gen = (...extra: string[]) => runCli(["generate", score, "-o", out, ...extra], { cwd: app });

  it("records every file it wrote, deterministically", () => {
    writeFileSync(score, withDb);
    expect(gen().code).toBe(0);
    const m = JSON.parse(readFileSync(join(out, ".scorec-manifest.json"), "utf8"));
    expect(m.version).toBe(1);
    const files = Object.keys(m.targets.compose);
    expect(files).toContain("compose.yaml");
    expect(files.some((f) => f.startsWith("mounts/mysql-"))).toBe(true);
    const before = readFileSync(join(out, ".scorec-manifest.json"), "utf8");
    expect(gen().code).toBe(0);
    expect(readFileSync(join(out, ".scorec-manifest.json"), "utf8")).toBe(before);
  });

  it("a passing --check prints one line", () => {
    const r = gen("--check");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^scorec: .* is up to date \(\d+ file\(s\) checked\)\n$/);
  });

  it("after a resource is removed, --check reports the stale mount file and generate removes it, leaving other files alone", () => {
    const m = JSON.parse(readFileSync(join(out, ".scorec-manifest.json"), "utf8"));
    const mountFile = Object.keys(m.targets.compose).find((f) => f.startsWith("mounts/mysql-"))!;
    writeFileSync(join(out, "mine.txt"), "the user's own file\n");
    writeFileSync(join(out, "mounts", "notes.txt"), "also the user's\n");
    writeFileSync(score, withoutDb);
    const check = gen("--check");
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/0 missing, 2 changed, 1 stale/); // compose.yaml and the manifest change
    expect(check.stdout).toContain(`--- a/${mountFile}\n+++ /dev/null\n`);
    expect(existsSync(join(out, mountFile))).toBe(true); // --check writes nothing
    const w = gen();
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/1 removed/);
    expect(existsSync(join(out, mountFile))).toBe(false);
    expect(existsSync(join(out, mountFile.split("/").slice(0, 2).join("/")))).toBe(false); // emptied folder gone
    expect(readFileSync(join(out, "mine.txt"), "utf8")).toBe("the user's own file\n");
    expect(readFileSync(join(out, "mounts", "notes.txt"), "utf8")).toBe("also the user's\n");
    expect(gen("--check").code).toBe(0);
  });

  it("reports a missing and a changed file", () => {
    writeFileSync(score, withDb);
    expect(gen().code).toBe(0);
    rmSync(join(out, "compose.yaml"));
    const m = JSON.parse(readFileSync(join(out, ".scorec-manifest.json"), "utf8"));
    const mountFile = Object.keys(m.targets.compose).find((f) => f.startsWith("mounts/mysql-"))!;
    writeFileSync(join(out, mountFile), "edited\n");
    const r = gen("--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 missing, 1 changed, 0 stale/);
  });

  it("keeps a no-longer-generated file the user edited, and says so", () => {
    expect(gen().code).toBe(0);
    const m = JSON.parse(readFileSync(join(out, ".scorec-manifest.json"), "utf8"));
    const mountFile = Object.keys(m.targets.compose).find((f) => f.startsWith("mounts/mysql-"))!;
    writeFileSync(join(out, mountFile), "-- my own edits\n");
    writeFileSync(score, withoutDb);
    const r = gen();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`left ${mountFile} in place although it is no longer generated: it changed since scorec wrote it`);
    expect(readFileSync(join(out, mountFile), "utf8")).toBe("-- my own edits\n");
    expect(Object.keys(JSON.parse(readFileSync(join(out, ".scorec-manifest.json"), "utf8")).targets.compose)).not.toContain(mountFile);
  });

  it("two targets share a folder without pruning each other", () => {
    writeFileSync(score, withoutDb);
    expect(gen("-t", "helm").code).toBe(0);
    expect(gen().code).toBe(0);
    expect(existsSync(join(out, "web.values.yaml"))).toBe(true);
    expect(gen("-t", "helm", "--check").code).toBe(0);
  });

  it("refuses a manifest naming a path outside the folder, touching nothing", () => {
    writeFileSync(join(tmp, "victim"), "keep me\n");
    writeFileSync(join(out, ".scorec-manifest.json"), JSON.stringify({ version: 1, targets: { compose: { "../../victim": "0".repeat(64) } } }));
    const r = gen();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a scorec manifest \(bad path "\.\.\/\.\.\/victim": it has a \.\. segment\); delete it to start afresh/);
    expect(readFileSync(join(tmp, "victim"), "utf8")).toBe("keep me\n");
  });
});

describe("--check with -o -", () => {
  it("is a usage error", () => {
    const r = runCli(["generate", "fixtures/compose/01-hello/score.yaml", "-o", "-", "--check"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--check .* cannot be used with -o -/);
  });
});
