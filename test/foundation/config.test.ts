// .scorec/config.yaml: validated with positions; its settings act as defaults for flags.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, config: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, ".scorec"), { recursive: true });
  writeFileSync(join(dir, ".scorec", "config.yaml"), config);
  writeFileSync(join(dir, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: nginx:latest\n    variables:\n      PASSWORD: ${resources.db.password}\nresources:\n  db: {type: redis}\n");
  return dir;
}

describe("project config", () => {
  it("a bad config is a positioned usage error (exit 2)", () => {
    const dir = project("bad", "seed: abc\ntarget: compose\nrulez: {}\n");
    const r = runCli(["check"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.scorec/config.yaml:3:1: unknown property "rulez" in the config — did you mean "rules"?');
  });

  it("seed, policies and rule settings come from the config", () => {
    const dir = project("good", "seed: from-config\npolicies: [" + JSON.stringify(join(process.cwd(), "policies")) + "]\nrules:\n  score/image-pinned: warning\n  score/ownership-annotation: off\n");
    const c = runCli(["check", "--format", "json"], { cwd: dir });
    const out = JSON.parse(c.stdout);
    const ids = out.files[0].diagnostics.map((d: { ruleId: string; severity: string; suppressed?: boolean }) => `${d.ruleId}:${d.severity}${d.suppressed ? ":suppressed" : ""}`);
    expect(ids).toContain("score/image-pinned:warning");
    expect(ids).toContain("score/ownership-annotation:warning:suppressed");
    expect(out.summary.suppressed).toBe(1);
    const a = runCli(["generate", "-o", "-"], { cwd: dir });
    const b = runCli(["generate", "-o", "-", "--seed", "from-config"], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(runCli(["generate", "-o", "-", "--seed", "other"], { cwd: dir }).stdout).not.toBe(a.stdout);
  });
});
