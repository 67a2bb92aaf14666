// Input that never ends or is not a regular file: stdin from /dev/zero or /dev/urandom, a Score file that
// is a FIFO or /dev/zero, a FIFO met while walking a folder, the same for every other file scorec reads
// (provisioners, policies, data, the config, the overrides file). Each run ends within seconds and a
// small heap, with a message naming the source, and writes nothing.
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileBounded, readStdinBounded, ReadRefusal } from "../../src/load/bounded-read.js";
import { runFenced, scratch, WORKLOAD } from "./harness.js";

const tmp = scratch("bounded");
const score = tmp.write("score.yaml", WORKLOAD);
const fifo = (rel: string): string => {
  const p = join(tmp.dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  execFileSync("mkfifo", [p]);
  return p;
};
const fifoScore = fifo("pipe.score.yaml");
const fifoFolder = join(tmp.dir, "walk");
fifo("walk/nested/score.yaml");
const fifoProv = fifo("x.provisioners.yaml");
const fifoRego = fifo("p.rego");

function withStdin(device: string, args: string[]) {
  const fd = openSync(device, "r");
  try {
    return runFenced(args, { stdinFd: fd });
  } finally {
    closeSync(fd);
  }
}

describe("stdin is read up to --max-file-size", () => {
  it.each(["/dev/zero", "/dev/urandom"])("check - < %s stops at the limit with a finding", (device) => {
    const r = withStdin(device, ["check", "-", "--max-file-size", "100000"]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("stdin is more than 100000 bytes, over the 100000-byte limit (raise it with --max-file-size)");
    expect(r.ms).toBeLessThan(5000);
  });

  it("check - < /dev/zero with the default limit ends quickly too", () => {
    const r = withStdin("/dev/zero", ["check", "-"]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("over the 5242880-byte limit");
  });

  it("generate - < /dev/zero writes nothing", () => {
    const out = join(tmp.dir, "out-stdin");
    const r = withStdin("/dev/zero", ["generate", "-", "-o", out]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it("a normal stdin still works", () => {
    const r = runFenced(["check", "-"], { input: WORKLOAD });
    expect(r.code).toBe(0);
  });
});

describe("non-regular files are refused by name", () => {
  it.each([
    ["a FIFO as a Score file", () => ["check", fifoScore], "pipe.score.yaml: it is a FIFO (named pipe), not a regular file"],
    ["/dev/zero as a Score file", () => ["check", "/dev/zero"], "/dev/zero: it is a character device, not a regular file"],
    ["a FIFO found walking a folder", () => ["check", fifoFolder], "walk/nested/score.yaml: it is a FIFO (named pipe), not a regular file"],
    ["a FIFO as a provisioner file", () => ["generate", score, "-o", "-", "--provisioners", fifoProv], "x.provisioners.yaml: it is a FIFO (named pipe), not a regular file"],
    ["a FIFO as a policy", () => ["check", score, "--policy", fifoRego], "p.rego: it is a FIFO (named pipe), not a regular file"],
    ["/dev/zero as policy data", () => ["check", score, "--policy", fifoRego, "--data", "/dev/zero"], "cannot read data file /dev/zero: it is a character device"],
    ["/dev/urandom as an overrides file", () => ["generate", score, "-o", "-", "--overrides-file", "/dev/urandom"], "cannot read --overrides-file /dev/urandom: it is a character device"],
  ])("%s", (_name, args, message) => {
    const r = runFenced(args());
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(message);
    expect(r.ms).toBeLessThan(5000);
  });

  it("a config path that is a folder is a positioned usage error (exit 2), not an internal error", () => {
    const project = join(tmp.dir, "cfg");
    mkdirSync(join(project, ".scorec", "config.yaml"), { recursive: true });
    writeFileSync(join(project, "score.yaml"), readFileSync(score));
    const r = runFenced(["check", "score.yaml"], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(".scorec/config.yaml:1:1: cannot read .scorec/config.yaml: it is a folder");
    expect(r.stderr).not.toContain("internal error");
  });
});

describe("an input folder that cannot be listed", () => {
  it("is named with exit 2, never skipped silently", () => {
    const root = join(tmp.dir, "locked-root");
    tmp.write("locked-root/ok/score.yaml", WORKLOAD);
    tmp.write("locked-root/locked/score.yaml", WORKLOAD);
    execFileSync("chmod", ["000", join(root, "locked")]);
    try {
      // Permission bits do not bind a process holding CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH, so as root
      // the CLI runs under setpriv (util-linux, Essential in Debian) with both capabilities dropped from its
      // bounding set: still uid 0, so the checkout (owned by root) stays readable wherever it sits, while
      // the 000 folder is refused as for anyone else. Not root: run as is.
      const prefix = process.getuid?.() === 0 ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] : [];
      const r = runFenced(["check", "locked-root"], { cwd: tmp.dir, prefix });
      expect(r.signal).toBeNull();
      expect(r.stderr).toContain("cannot read folder locked-root/locked: permission denied");
      expect(r.code).toBe(2);
    } finally {
      execFileSync("chmod", ["755", join(root, "locked")]);
    }
  });
});

describe("readFileBounded / readStdinBounded (in process)", () => {
  it("refuses a size over the limit, a folder and a device without reading them", () => {
    const big = tmp.write("big.txt", "x".repeat(2000));
    expect(() => readFileBounded(big, 1000)).toThrow(/file is 2000 bytes, over the 1000-byte limit/);
    expect(() => readFileBounded(tmp.dir, 1000)).toThrow(/it is a folder/);
    expect(() => readFileBounded("/dev/zero", 1000)).toThrow(ReadRefusal);
    expect(readFileBounded(big, 2000).length).toBe(2000);
  });
  it("reads every byte of empty, small, 64 KiB and multi-chunk files, each read on its own", () => {
    const sizes = [0, 1, 1500, 4095, 4096, 65535, 65536, 65537, 200_003];
    const read = sizes.map((n, i) => {
      const bytes = Uint8Array.from({ length: n }, (_, k) => (k * 7 + i) & 0xff);
      return { bytes, got: readFileBounded(tmp.write(`sized-${n}.bin`, bytes), 1_000_000) };
    });
    // Small results share Node's buffer pool: each must still hold only its own file's bytes.
    for (const { bytes, got } of read) expect(Buffer.compare(got, bytes)).toBe(0);
    expect(readFileBounded(tmp.write("exact.txt", "y".repeat(1000)), 1000).toString()).toBe("y".repeat(1000));
  });
  it("reads at most the limit from an endless descriptor", () => {
    const fd = openSync("/dev/zero", "r");
    try {
      expect(() => readStdinBounded(300_000, fd)).toThrow(/stdin is more than 300000 bytes/);
    } finally {
      closeSync(fd);
    }
  });
});
