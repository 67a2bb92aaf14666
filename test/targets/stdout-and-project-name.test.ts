// Issue 12, item 5: the Compose project name when Score files come from several folders, and what
// `generate -o - -t terraform` prints for several workloads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultProjectName } from "../../src/api/generate.js";
import { fixture } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-project-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const score = (name: string) => `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx:1.27\n`;

describe("compose project name", () => {
  it("is the files' folder when they share one, else the current folder", () => {
    expect(defaultProjectName([{ path: "apps/a/score.yaml" }, { path: "apps/a/score2.yaml" }], "/home/dev/shop")).toBe("a");
    expect(defaultProjectName([{ path: "apps/a/score.yaml" }, { path: "apps/b/score.yaml" }], "/home/dev/shop")).toBe("shop");
    expect(defaultProjectName([{ path: "-" }], "/home/dev/shop")).toBe("scorec");
  });
  it("the CLI names the project after the current folder for files from several folders, or --project-name", () => {
    const cwd = join(tmp, "my-shop");
    for (const d of ["front", "back"]) {
      mkdirSync(join(cwd, d), { recursive: true });
      writeFileSync(join(cwd, d, "score.yaml"), score(d));
    }
    const r = runCli(["generate", "back/score.yaml", "front/score.yaml", "-o", "-"], { cwd });
    expect(r.code).toBe(0);
    expect(parse(r.stdout).name).toBe(basename(cwd));
    const named = runCli(["generate", "back/score.yaml", "front/score.yaml", "-o", "-", "--project-name", "shop"], { cwd });
    expect(parse(named.stdout).name).toBe("shop");
  });
});

describe("generate -o - -t terraform", () => {
  const app = fixture("targets", "service-ports");
  it("prints one JSON document keyed by workload for several workloads", () => {
    const r = runCli(["generate", join(app, "score-a.yaml"), join(app, "score-b.yaml"), "-t", "terraform", "-o", "-"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["workload-a", "workload-b"]);
    expect(doc["workload-b"].workload_name).toBe("workload-b");
  });
  it("prints the tfvars themselves for one workload", () => {
    const r = runCli(["generate", join(app, "score-a.yaml"), "-t", "terraform", "-o", "-"]);
    expect(JSON.parse(r.stdout).workload_name).toBe("workload-a");
  });
});
