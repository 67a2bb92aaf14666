// Runs the built CLI against hostile input the way a user would, but fenced: a wall-clock limit (a hang
// is killed and fails the test as a hang), a small V8 heap (a run that tries to build gigabytes dies with
// an out-of-memory exit instead of taking the machine) and a check of the child's peak resident memory
// (reported by report-usage.mjs, preloaded into the child). A test then asserts the exit code and message.
import { spawnSync, type StdioOptions } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect } from "vitest";
import { REPO } from "../helpers/paths.js";

/** Default fence: a hostile input must be answered within this wall-clock time… */
export const FENCE_MS = 8_000;
/** …with a V8 heap of this size… */
export const FENCE_HEAP_MB = 192;
/** …and a peak resident set (heap, code, buffers, worker threads) below this. Node alone is about 50 MB. */
export const FENCE_RSS_MB = 320;

const USAGE_PRELOAD = pathToFileURL(join(REPO, "test", "hostile", "report-usage.mjs")).href;

export interface FencedRun {
  code: number | null;
  /** Set when the run was killed: "SIGKILL" after the time limit. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child, in MiB (undefined only when it was killed). */
  maxRssMb: number | undefined;
}

export interface FenceOptions {
  cwd?: string;
  input?: string;
  /** An open file descriptor to use as stdin (e.g. /dev/zero). */
  stdinFd?: number;
  timeoutMs?: number;
  heapMb?: number;
  /** Peak resident memory allowed (MiB); default FENCE_RSS_MB. */
  rssMb?: number;
  /** A command the node child runs under (e.g. setpriv dropping capabilities). */
  prefix?: string[];
  /**
   * Run this ES module (written to a temp .mjs file) instead of the CLI; `args` are its
   * process.argv.slice(2). A file, not `node -e`: a worker thread inherits `-e` in its execArgv and
   * never starts.
   */
  script?: string;
}

/**
 * Runs bin/scorec.js ARGS (or `opts.script`) in a child under the fence. The fence itself is asserted
 * here, so every caller gets it: the child was not killed on its time limit, and its peak RSS stayed
 * under the bound. The caller asserts what the child said.
 */
export function runFenced(args: string[], opts: FenceOptions = {}): FencedRun {
  const t0 = performance.now();
  const stdio: StdioOptions = [opts.stdinFd ?? "pipe", "pipe", "pipe", "pipe"];
  const timeoutMs = opts.timeoutMs ?? FENCE_MS;
  let scriptDir: string | undefined;
  let entry = [join(REPO, "bin", "scorec.js")];
  if (opts.script !== undefined) {
    scriptDir = mkdtempSync(join(tmpdir(), "scorec-fenced-"));
    entry = [join(scriptDir, "script.mjs")];
    writeFileSync(entry[0]!, opts.script);
  }
  const node = [process.execPath, `--max-old-space-size=${opts.heapMb ?? FENCE_HEAP_MB}`, "--import", USAGE_PRELOAD, ...entry, ...args];
  const argv = [...(opts.prefix ?? []), ...node];
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: "1" },
    input: opts.stdinFd === undefined ? (opts.input ?? "") : undefined,
    stdio,
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 32 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (scriptDir) rmSync(scriptDir, { recursive: true, force: true });
  const usage = r.output?.[3] ? (JSON.parse(r.output[3] || "null") as { maxRssKb: number | null } | null) : null;
  const run: FencedRun = { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms, maxRssMb: usage?.maxRssKb ? usage.maxRssKb / 1024 : undefined };
  expect(run.signal, `killed by ${run.signal} after ${Math.round(ms)} ms (time limit ${timeoutMs} ms): a hang\n${run.stderr.slice(0, 2000)}`).toBeNull();
  expect(run.maxRssMb, `no memory report from the child (exit ${run.code})\n${run.stderr.slice(0, 2000)}`).toBeDefined();
  expect(run.maxRssMb!, "peak resident memory of the child (MiB)").toBeLessThan(opts.rssMb ?? FENCE_RSS_MB);
  return run;
}

/**
 * The in-process fence for one sample of a property or one hostile call: `f` must return within `ms` and
 * leave less than `heapMb` of extra heap. It cannot interrupt a synchronous hang (the CLI-level tests under
 * runFenced can): it catches slow or memory-hungry answers, and vitest's timeout bounds the rest.
 */
export function withinBounds<T>(f: () => T, ms = 3_000, heapMb = 256): T {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0, "milliseconds").toBeLessThan(ms);
  expect((process.memoryUsage().heapUsed - heap0) / 2 ** 20, "heap growth (MiB)").toBeLessThan(heapMb);
  return out;
}

/** withinBounds for an asynchronous call (timed until it settles). */
export async function withinBoundsAsync<T>(f: () => Promise<T>, ms = 3_000, heapMb = 256): Promise<T> {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = await f();
  expect(performance.now() - t0, "milliseconds").toBeLessThan(ms);
  expect((process.memoryUsage().heapUsed - heap0) / 2 ** 20, "heap growth (MiB)").toBeLessThan(heapMb);
  return out;
}

/** Peak resident memory (MiB) of a live child, from /proc (Linux): for long-running children like the language server. */
export function peakRssMb(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmHWM for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** A scratch folder removed after the test file; `write` creates files (and folders) inside it. */
export function scratch(prefix: string): { dir: string; write(rel: string, text: string | Uint8Array): string; files(rel?: string): string[] } {
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
