// `scorec generate` as a user runs it: writes atomically, --check as a drift gate, nothing written on error.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../../helpers/paths.js";
import { runCli } from "../../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-gen-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const example = fixture("compose", "03-files", "score.yaml");

describe("scorec generate", () => {
  it("writes compose.yaml and mounts, then --check passes, then fails with a diff after an edit", () => {
    const out = join(tmp, "out");
    const w = runCli(["generate", example, "-o", out]);
    expect(w.code).toBe(0);
    expect(readFileSync(join(out, "compose.yaml"), "utf8")).toBe(readFileSync(fixture("compose", "03-files", "expected", "compose.yaml"), "utf8"));
    expect(existsSync(join(out, "mounts/files/hello-world-hello/fileA.txt"))).toBe(true);
    expect(runCli(["generate", example, "-o", out, "--check"]).code).toBe(0);
    writeFileSync(join(out, "compose.yaml"), readFileSync(join(out, "compose.yaml"), "utf8").replace("busybox", "alpine"));
    const stale = runCli(["generate", example, "-o", out, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("--- a/compose.yaml");
    expect(stale.stdout).toContain("-    image: alpine");
    expect(stale.stdout).toContain("+    image: busybox");
  });

  it("bad --publish values and unknown publish targets are usage errors with nothing written", () => {
    for (const [flag, message] of [
      ["something", "expected 3 :-separated parts"],
      ["42:thing:13", "failed to find a workload named 'thing'"],
      ["42:x#y.z:13", "failed to find a resource with uid 'x.default#y'"],
    ] as const) {
      const out = join(tmp, `publish-${flag.replace(/[^a-z0-9]/g, "_")}`);
      const r = runCli(["generate", example, "-o", out, "--publish", flag]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--image and --build refuse several Score files, as score-compose does", () => {
    const two = [example, fixture("compose", "01-hello", "score.yaml")];
    expect(runCli(["generate", ...two, "-o", "-", "--image", "x"]).stderr).toContain("--image cannot be used when multiple score files are provided");
    expect(runCli(["generate", ...two, "-o", "-", "--build", "hello=."]).stderr).toContain("--build cannot be used when multiple score files are provided");
  });

  it("writes nothing when there is an error, and exits 1 with a positioned message", () => {
    const out = join(tmp, "bad");
    const bad = join(tmp, "bad.score.yaml");
    writeFileSync(bad, "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: nginx\n    variables:\n      DB: ${resources.db.hots}\nresources:\n  db: {type: postgres}\n");
    const r = runCli(["generate", bad, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('resource "db" (postgres.default#web.db) has no output "hots"');
    expect(r.stderr).toMatch(/7:11/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses cmd:// provisioners unless allowed", () => {
    const prov = join(tmp, "cmd.provisioners.yaml");
    writeFileSync(prov, "- uri: cmd://echo#hello\n  type: thing\n");
    const score = join(tmp, "cmd.score.yaml");
    writeFileSync(score, "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx}}\nresources:\n  thing1: {type: thing}\n");
    const r = runCli(["generate", score, "-o", "-", "--provisioners", prov]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("scorec refuses cmd:// provisioners unless --allow-cmd-provisioners is given");
  });

  it("needs --image or --build for image \".\"", () => {
    const score = join(tmp, "dot.score.yaml");
    writeFileSync(score, "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: .}}\n");
    expect(runCli(["generate", score, "-o", "-"]).stderr).toContain('image "." means "build from source"');
    const ok = runCli(["generate", score, "-o", "-", "--build", "main=./app"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("context: ./app");
  });

  it("a missing input is one line on stderr and exit 2", () => {
    const r = runCli(["generate", join(tmp, "nope.yaml"), "-o", "-"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
