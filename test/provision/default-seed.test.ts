// Issue 12, item 1: the default seed is public, so its values are predictable. Generating for an environment
// other than dev with it warns (at the resource); --seed-file and SCOREC_SEED give a secret seed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";
import { fixture, REPO } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-seed-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const app = fixture("compose", "12-mysql-database", "score.yaml");

const seedWarnings = async (environment: string, seed?: string) => {
  const r = await generate([{ path: app }], { target: "compose", outputDir: "out", root: REPO, environment, seed });
  return r.diagnostics.filter((d) => d.ruleId === "provision/default-seed");
};

describe("default seed warning", () => {
  it("warns once, at the first resource, for a non-dev environment", async () => {
    const w = await seedWarnings("prod");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", pointer: "/resources/db/type" });
    expect(w[0]!.message).toMatch(/default seed and are predictable; for environment "prod" pass --seed-file FILE or set SCOREC_SEED/);
  });
  it("stays silent for dev, and with a seed of one's own", async () => {
    expect(await seedWarnings("dev")).toEqual([]);
    expect(await seedWarnings("prod", "a-secret-seed")).toEqual([]);
  });
  it("stays silent when no provisioner drew a random value", async () => {
    const r = await generate([{ path: fixture("compose", "01-hello", "score.yaml") }], { target: "compose", outputDir: "out", root: REPO, environment: "prod" });
    expect(r.diagnostics.filter((d) => d.ruleId === "provision/default-seed")).toEqual([]);
  });
});

describe("--seed-file and SCOREC_SEED", () => {
  const compose = (args: string[], env: Record<string, string> = {}) => runCli(["generate", app, "-o", "-", "--env", "prod", ...args], { env: { SCOREC_SEED: "", ...env } });
  it("the default seed warns on stderr and still compiles", () => {
    const r = compose([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("provision/default-seed");
  });
  it("a seed file changes the values and silences the warning; its final line break is not part of it", () => {
    const file = join(tmp, "seed");
    writeFileSync(file, "s3cr3t-seed\n");
    const fromFile = compose(["--seed-file", file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stderr).not.toContain("provision/default-seed");
    expect(fromFile.stdout).not.toBe(compose([]).stdout);
    expect(fromFile.stdout).toBe(compose(["--seed", "s3cr3t-seed"]).stdout);
    expect(compose([], { SCOREC_SEED: "s3cr3t-seed" }).stdout).toBe(fromFile.stdout);
  });
  it("--seed and --seed-file together, an empty or missing seed file: usage errors", () => {
    const empty = join(tmp, "empty");
    writeFileSync(empty, "");
    expect(compose(["--seed", "x", "--seed-file", empty])).toMatchObject({ code: 2, stderr: expect.stringContaining("exclude each other") });
    expect(compose(["--seed-file", empty])).toMatchObject({ code: 2, stderr: expect.stringContaining("is empty") });
    expect(compose(["--seed-file", join(tmp, "nope")])).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read --seed-file") });
  });
  it("leaves the seed file as it was", () => {
    expect(readFileSync(join(tmp, "seed"), "utf8")).toBe("s3cr3t-seed\n");
  });
});
