// Issue 15: a symbolic link planted inside the output folder must never make `generate` write (or prune,
// or --check read) a file outside it. Here the user's `id_rsa.pub` sits beside the output folder.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeArtifacts, ArtifactPathError } from "../../src/emit/artifact-writer.js";
import { runFenced } from "./harness.js";
import { fixture } from "../helpers/paths.js";

let home: string;
let out: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "scorec-link-"));
  out = join(home, "project", "out");
  mkdirSync(join(out, "mounts", "files"), { recursive: true });
  mkdirSync(join(home, "ssh"));
  writeFileSync(join(home, "ssh", "id_rsa.pub"), "ssh-ed25519 AAAA user@host\n");
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const victim = () => readFileSync(join(home, "ssh", "id_rsa.pub"), "utf8");
// Example 03 writes mounts/files/hello-world-hello/… files.
const app = fixture("compose", "03-files", "score.yaml");

describe("symbolic links in the output folder", { timeout: 20_000 }, () => {
  it("a folder link out of the output folder is refused; nothing outside is written", () => {
    symlinkSync(join(home, "ssh"), join(out, "mounts", "files", "hello-world-hello"));
    const before = readdirSync(join(home, "ssh"));
    const r = runFenced(["generate", app, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mounts\/files\/hello-world-hello is a symbolic link to .*, outside the output folder; scorec never writes, reads or deletes through it/);
    expect(readdirSync(join(home, "ssh"))).toEqual(before);
    expect(victim()).toBe("ssh-ed25519 AAAA user@host\n");
  });

  it("a file link out of the folder is refused by the writer (not written through, not chmod-ed)", () => {
    symlinkSync(join(home, "ssh", "id_rsa.pub"), join(out, "compose.yaml"));
    expect(() => writeArtifacts(out, [{ path: "compose.yaml", content: "ssh-ed25519 AAAA user@host\n", mode: 0o777 }])).toThrow(ArtifactPathError);
    expect(() => writeArtifacts(out, [{ path: "compose.yaml", content: "x\n" }])).toThrow(/outside the output folder/);
    expect(victim()).toBe("ssh-ed25519 AAAA user@host\n");
  });

  it("a relative link (mounts/x → ../../victim) and a dangling one are refused", () => {
    symlinkSync("../../../ssh", join(out, "mounts", "x"));
    expect(() => writeArtifacts(out, [{ path: "mounts/x/id_rsa.pub", content: "pwned\n" }])).toThrow(/mounts\/x is a symbolic link/);
    symlinkSync(join(home, "nowhere"), join(out, "dangling"));
    expect(() => writeArtifacts(out, [{ path: "dangling/f", content: "x\n" }])).toThrow(/points nowhere/);
    expect(victim()).toBe("ssh-ed25519 AAAA user@host\n");
  });

  it("--check does not read through a link out of the folder", () => {
    symlinkSync(join(home, "ssh"), join(out, "mounts", "files", "hello-world-hello"));
    const r = runFenced(["generate", app, "-o", out, "--check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/outside the output folder/);
  });

  it("pruning never deletes through a link: a recorded file behind a folder link out is refused", () => {
    const digest = "0".repeat(64);
    writeFileSync(join(out, ".scorec-manifest.json"), JSON.stringify({ version: 1, targets: { compose: { "keys/id_rsa.pub": digest } } }));
    symlinkSync(join(home, "ssh"), join(out, "keys"));
    const r = runFenced(["generate", fixture("compose", "01-hello", "score.yaml"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keys is a symbolic link to .*outside the output folder/);
    expect(victim()).toBe("ssh-ed25519 AAAA user@host\n");
  });

  it("a link that stays inside the output folder is followed", () => {
    mkdirSync(join(out, "real"));
    symlinkSync(join(out, "real"), join(out, "alias"));
    writeArtifacts(out, [{ path: "alias/f.txt", content: "inside\n" }]);
    expect(readFileSync(join(out, "real", "f.txt"), "utf8")).toBe("inside\n");
  });
});
