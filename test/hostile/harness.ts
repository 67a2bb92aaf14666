// Runs the built CLI against hostile input the way a user would, but fenced: a wall-clock limit (a hang
// is killed and reported as such) and a small V8 heap (a run that tries to build gigabytes dies with an
// out-of-memory exit instead of taking the machine). A test then asserts the exit code and the message.
import { spawnSync, type StdioOptions } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { REPO } from "../helpers/paths.js";

export interface FencedRun {
  code: number | null;
  /** Set when the run was killed: "SIGKILL" after the time limit. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface FenceOptions {
  cwd?: string;
  input?: string;
  /** An open file descriptor to use as stdin (e.g. /dev/zero). */
  stdinFd?: number;
  timeoutMs?: number;
  heapMb?: number;
  /** Run as this uid/gid (only when the test runs as root, to make permission bits bite). */
  uid?: number;
  gid?: number;
}

export function runFenced(args: string[], opts: FenceOptions = {}): FencedRun {
  const t0 = performance.now();
  const stdio: StdioOptions = [opts.stdinFd ?? "pipe", "pipe", "pipe"];
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.heapMb ?? 192}`, join(REPO, "bin", "scorec.js"), ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: "1" },
    input: opts.stdinFd === undefined ? (opts.input ?? "") : undefined,
    stdio,
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 8_000,
    killSignal: "SIGKILL",
    maxBuffer: 32 * 1024 * 1024,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms: performance.now() - t0 };
}

/** A scratch folder removed after the test file; `write` creates files (and folders) inside it. */
export function scratch(prefix: string): { dir: string; write(rel: string, text: string): string; files(rel?: string): string[] } {
  const dir = mkdtempSync(join(tmpdir(), `scorec-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    files(rel = ".") {
      try {
        return readdirSync(join(dir, rel), { recursive: true }).map(String).sort();
      } catch {
        return [];
      }
    },
  };
}

export const WORKLOAD = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n";
