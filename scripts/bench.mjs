// `npm run bench`: figures, not assertions. Prints a table and a JSON document (bench-results.json).
//  - single-file `scorec check` wall time vs a bare `node -e ''` start, median of 7 runs each
//  - check throughput (files/s) and peak RSS for 1, 100, 1,000 and 10,000 workloads
//  - generate throughput (workloads/s) for 100, 1,000 and 10,000 workloads (compose target), and how the
//    time grows from 1,000 to 10,000 (goal: 10× the workloads in ≤ 11× the time)
//  - policy pack over 1,000 workloads, Rego back end (when the pack and the engine are present)
//  - Rego parse+compile of the policy pack, and evaluations/s of a deny-rule set
//  - LSP didChange → publishDiagnostics latency (scripts/bench-lsp.mjs), when built
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeWorkloads } from "./bench-data.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wall(cmd, args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: "ignore" });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}`);
  }
  return median(times);
}

function worker(op, dir, ...rest) {
  const out = execFileSync(process.execPath, [join(root, "scripts/bench-worker.mjs"), op, dir, ...rest], { encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split("\n").pop());
}

const tmp = mkdtempSync(join(tmpdir(), "scorec-bench-"));
const results = { node: process.version, cpus: (await import("node:os")).cpus().length };
try {
  // 1. Single-file check vs bare node start.
  const one = writeWorkloads(join(tmp, "one"), 1)[0];
  const runs = quick ? 5 : 7;
  const bare = wall(process.execPath, ["-e", ""], runs);
  const single = wall(process.execPath, [join(root, "bin/scorec.js"), "check", one], runs);
  results.singleFileCheck = { bareNodeMs: +bare.toFixed(1), checkMs: +single.toFixed(1), ratio: +(single / bare).toFixed(2), runs };

  // 2. check throughput and peak RSS.
  results.checkThroughput = [];
  for (const n of quick ? [1, 100, 1000] : [1, 100, 1000, 10000]) {
    const dir = join(tmp, `check-${n}`);
    writeWorkloads(dir, n);
    const r = worker("check", dir);
    const floor = worker("floor", dir);
    results.checkThroughput.push({
      workloads: n,
      ms: +r.ms.toFixed(1),
      filesPerSec: Math.round((n / r.ms) * 1000),
      peakRssMb: +(r.maxRssKb / 1024).toFixed(1),
      errors: r.errors,
      floorFilesPerSec: Math.round((n / floor.ms) * 1000),
      ofFloor: +(floor.ms / r.ms).toFixed(2),
    });
  }

  // 3. generate throughput (compose).
  results.generateThroughput = [];
  for (const n of quick ? [100, 1000] : [100, 1000, 10000]) {
    const dir = join(tmp, `check-${n}`);
    const r = worker("generate", dir, "compose");
    results.generateThroughput.push({ target: "compose", workloads: n, ms: +r.ms.toFixed(1), workloadsPerSec: Math.round((n / r.ms) * 1000), peakRssMb: +(r.maxRssKb / 1024).toFixed(1), errors: r.errors });
  }
  const g1k = results.generateThroughput.find((r) => r.workloads === 1000);
  const g10k = results.generateThroughput.find((r) => r.workloads === 10000);
  if (g1k && g10k) results.generateScaling = { from: 1000, to: 10000, timeRatio: +(g10k.ms / g1k.ms).toFixed(2) };

  // 4. Policy pack over 1,000 workloads (Rego back end).
  if (existsSync(join(root, "policies")) && existsSync(join(root, "dist/src/policy/load-policies.js"))) {
    const dir = join(tmp, "check-1000");
    const r = worker("policy", dir, join(root, "policies"));
    // The same 1,000 workloads checked without policies, right after: the difference is what the pack costs.
    const c = worker("check", dir);
    const packMs = Math.max(r.ms - c.ms, 0.1);
    results.policyCheck = {
      backend: "rego",
      workloads: 1000,
      ms: +r.ms.toFixed(1),
      workloadsPerSec: Math.round((1000 / r.ms) * 1000),
      cpuMs: +r.cpuMs.toFixed(1),
      checkOnlyMs: +c.ms.toFixed(1),
      checkOnlyCpuMs: +c.cpuMs.toFixed(1),
      packMs: +packMs.toFixed(1),
      packWorkloadsPerSec: Math.round((1000 / packMs) * 1000),
      findings: r.findings,
    };
  }

  // 5. Rego engine figures.
  if (existsSync(join(root, "scripts/bench-rego.mjs")) && existsSync(join(root, "dist/src/rego/index.js"))) {
    results.rego = JSON.parse(execFileSync(process.execPath, [join(root, "scripts/bench-rego.mjs"), join(tmp, "check-1000")], { encoding: "utf8" }).trim().split("\n").pop());
  }

  // 6. LSP latency.
  if (existsSync(join(root, "scripts/bench-lsp.mjs")) && existsSync(join(root, "dist/src/lsp/server.js"))) {
    results.lsp = JSON.parse(execFileSync(process.execPath, [join(root, "scripts/bench-lsp.mjs")], { encoding: "utf8" }).trim().split("\n").pop());
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const s = results.singleFileCheck;
console.log(`single-file check: ${s.checkMs} ms (bare node ${s.bareNodeMs} ms) → ${s.ratio}× node start (goal ≤ 1.8×)`);
console.log("check throughput:");
for (const r of results.checkThroughput) console.log(`  ${String(r.workloads).padStart(6)} workloads  ${String(r.ms).padStart(9)} ms  ${String(r.filesPerSec).padStart(7)} files/s  peak RSS ${r.peakRssMb} MiB  (parse+validate floor ${r.floorFilesPerSec} files/s: check is ${Math.round(r.ofFloor * 100)} % of it)`);
console.log("generate throughput (compose):");
for (const r of results.generateThroughput) console.log(`  ${String(r.workloads).padStart(6)} workloads  ${String(r.ms).padStart(9)} ms  ${String(r.workloadsPerSec).padStart(7)} workloads/s  peak RSS ${r.peakRssMb} MiB`);
if (results.generateScaling) console.log(`  10× the workloads (1,000 → 10,000) took ${results.generateScaling.timeRatio}× the time (goal ≤ 11×)`);
if (results.policyCheck) {
  const p = results.policyCheck;
  console.log(`policy pack over 1,000 workloads (rego): ${p.ms} ms (cpu ${p.cpuMs} ms), ${p.workloadsPerSec} workloads/s end to end (goal ≥ 1,500); check alone ${p.checkOnlyMs} ms (cpu ${p.checkOnlyCpuMs} ms), so the pack adds ${p.packMs} ms (${p.packWorkloadsPerSec} workloads/s)`);
}
if (results.rego) {
  const r = results.rego;
  console.log(`rego: policy pack (${r.packModules} modules) parse+compile ${r.packCompileMs} ms; ${r.packRules} rules × ${r.workloads} workloads: ${r.packEvaluationsPerSec} evaluations/s (${r.packWorkloadsPerSec} workloads/s, one rule per evaluation); all rules in one evaluation per workload, as \`check\` runs them: ${r.packOnePassWorkloadsPerSec} workloads/s`);
  console.log(`image-tag policy, same inputs: rego ${r.imageTag.regoEvaluationsPerSec} evaluations/s, opa-wasm ${r.imageTag.wasmEvaluationsPerSec} evaluations/s`);
}
if (results.lsp) {
  const l = results.lsp;
  console.log(`lsp didChange→publishDiagnostics (200-line file, ${l.edits} edits): with policy pack p50 ${l.withPolicyPack.p50Ms} ms, p95 ${l.withPolicyPack.p95Ms} ms, max ${l.withPolicyPack.maxMs} ms; without p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms; check-only p95 ${l.checkOnly.p95Ms} ms`);
  const a = l.withPolicyPackAfterPause;
  if (a) console.log(`  the same with the pack after a ${a.pauseAfterOpenMs / 1000} s pause after open (an editor's file read before typing; the idle warm-up runs): p50 ${a.p50Ms} ms, p95 ${a.p95Ms} ms, max ${a.maxMs} ms`);
}
writeFileSync(join(root, "bench-results.json"), JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results));
