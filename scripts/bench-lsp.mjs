// `node scripts/bench-lsp.mjs [--debounce MS] [--edits N] [--warmup N] [--pause MS]`: figures, not assertions. Spawns
// the built language server (dist/src/lsp/launch.js), opens a 200-line Score file, sends N didChange edits
// one at a time and measures each didChange → publishDiagnostics (same version) round trip. The debounce is
// part of the latency; it defaults to 0 here so the figure is the server's own work (add the editor's
// configured debounceMs for what a user sees). `--warmup N` (default 0) sends N edits first that are not
// measured; the output says how many. `--pause MS` (default 3000) is the pause after open of one extra session
// with the pack (`withPolicyPackAfterPause`), as in an editor where a file is read before it is typed in: the
// server's idle warm-up (src/lsp/idle-warmup.ts) runs then. The figure stays the session with no pause,
// whose first edits meet cold code. Besides wall-clock latency (which on a shared machine includes
// waiting for a core), it prints the server's own CPU time per edit (Linux /proc; null elsewhere), the
// figure to compare runs by when the machine is loaded. The server runs with SCOREC_LSP_TIMING=1 and reports,
// per analysis, where the time went (src/lsp/phase-timing.ts): `phasesMs` gives p50/p95 of each phase
// (queued = message handled → analysis start; settings = config and workspace assets; analyze = the
// pipeline; convert; send = serialise and write), `gcMsPerEdit` the GC pauses. Prints one JSON line last.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const debounceMs = arg("--debounce", 0);
const edits = arg("--edits", 100);
const warmup = arg("--warmup", 0);
const pauseMs = arg("--pause", 3000);

/** CPU time (user + system, ms) the process has used so far, from /proc; undefined where there is none. */
function cpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are the 12th and 13th.
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A valid workload of exactly 200 lines: containers with variables, a service and resources. */
function scoreFile(n) {
  const lines = ["apiVersion: score.dev/v1b1", "metadata:", "  name: bench", "service:", "  ports:", "    http:", "      port: 8080", "containers:"];
  const resources = ["resources:", "  db:", "    type: postgres", "  cache:", "    type: redis"];
  let c = 0;
  while (lines.length + resources.length < 200) {
    lines.push(`  c${c}:`, `    image: nginx:1.27.${n}`, "    variables:");
    for (let v = 0; v < 12 && lines.length + resources.length < 200; v++) lines.push(`      V${v}: "${v % 3 === 0 ? "${resources.db.host}" : `value-${v}`}"`);
    c++;
  }
  return [...lines.slice(0, 200 - resources.length), ...resources].join("\n") + "\n";
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
};

/** One server session: open, then `edits` didChange → publishDiagnostics round trips, one at a time. */
async function session(initializationOptions, pauseAfterOpenMs = 0) {
  const dir = mkdtempSync(join(tmpdir(), "scorec-bench-lsp-"));
  const child = spawn(process.execPath, [join(root, "dist/src/lsp/launch.js")], { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, SCOREC_LSP_TIMING: "1" } });
  // The server's phase figures, one line per analysis; anything else on its stderr is passed on.
  const timings = [];
  const stderrDone = new Promise((resolve) => child.stderr.once("end", resolve));
  let partial = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop();
    for (const l of lines) {
      if (l.startsWith("scorec-timing ")) timings.push(JSON.parse(l.slice("scorec-timing ".length)));
      else process.stderr.write(l + "\n");
    }
  });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  rpc.onNotification("textDocument/publishDiagnostics", (p) => {
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(p);
    }
  });
  rpc.onRequest("workspace/configuration", () => [null]);
  rpc.onRequest("client/registerCapability", () => null);
  rpc.listen();
  try {
    const path = join(dir, "score.yaml");
    writeFileSync(path, scoreFile(0));
    const uri = pathToFileURL(path).href;
    await rpc.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions });
    await rpc.sendNotification("initialized", {});
    const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
    let wait = published(1);
    const t0 = performance.now();
    await rpc.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: scoreFile(0) } });
    const first = await wait;
    const openMs = performance.now() - t0;
    if (pauseAfterOpenMs > 0) await new Promise((r) => setTimeout(r, pauseAfterOpenMs));
    const times = [];
    let findings = 0;
    let cpu0;
    for (let i = 1; i <= warmup + edits; i++) {
      const version = i + 1;
      if (i === warmup + 1) cpu0 = cpuMs(child.pid);
      // Every fifth edit breaks the file (a number where a string is expected), the next one fixes it.
      const text = i % 5 === 0 ? scoreFile(i).replace('V1: "value-1"', "V1: 1") : scoreFile(i);
      wait = published(version);
      const t = performance.now();
      await rpc.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
      const p = await wait;
      if (i <= warmup) continue;
      times.push(performance.now() - t);
      findings += p.diagnostics.length;
    }
    const cpu1 = cpuMs(child.pid);
    await rpc.sendRequest("shutdown");
    await rpc.sendNotification("exit");
    await Promise.race([stderrDone, new Promise((r) => setTimeout(r, 2000))]);
    // The open and the warm-up edits came first: the measured edits are the last lines.
    const measured = timings.slice(-edits);
    const phasesMs = {};
    for (const k of ["queuedMs", "settingsMs", "analyzeMs", "convertMs", "sendMs"]) {
      const xs = measured.map((t) => t[k] ?? 0);
      if (xs.length) phasesMs[k.replace(/Ms$/, "")] = { p50: pct(xs, 50), p95: pct(xs, 95), max: pct(xs, 100) };
    }
    const sum = (k) => measured.reduce((a, t) => a + (t[k] ?? 0), 0);
    return {
      firstOpenMs: +openMs.toFixed(2),
      openFindings: first.diagnostics.length,
      firstEditMs: +times[0].toFixed(2),
      p50Ms: pct(times, 50),
      p95Ms: pct(times, 95),
      maxMs: pct(times, 100),
      serverCpuMsPerEdit: cpu0 === undefined || cpu1 === undefined ? null : +((cpu1 - cpu0) / edits).toFixed(2),
      findingsOverEdits: findings,
      phasesMs,
      gcMsPerEdit: measured.length ? +(sum("gcMs") / measured.length).toFixed(2) : null,
      majorGcs: sum("majorGcs"),
    };
  } finally {
    rpc.dispose();
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The default mode (check + provision via `generate`) and check-only (`provision: false`).
// With the built-in policy pack (the figure), then without policies, then check-only.
const withPolicies = await session({ debounceMs, policies: [join(root, "policies")] });
const generateMode = await session({ debounceMs });
const checkOnly = await session({ debounceMs, provision: false });
const afterPause = pauseMs > 0 ? { pauseAfterOpenMs: pauseMs, ...(await session({ debounceMs, policies: [join(root, "policies")] }, pauseMs)) } : undefined;
console.log(JSON.stringify({ lines: scoreFile(0).split("\n").length - 1, edits, warmupEdits: warmup, debounceMs, withPolicyPack: withPolicies, ...generateMode, checkOnly, withPolicyPackAfterPause: afterPause }));
