#!/usr/bin/env node
// Runs `scorec policy test` on checked-out policy libraries and prints one table row per library:
// tests, passed, failed, errors and the most frequent failure reasons. Used to measure how much of the
// public Rego libraries' own unit tests pass (README "Public libraries measured").
//
//   node scripts/measure-libraries.mjs [--timeout SECONDS] [--markdown] SPEC...
//
// SPEC is `[label=]path[,path…][;v0][;each][;data=path]…`:
//   v0       run with --rego-version v0
//   each     every folder under path that holds a *_test.rego is its own suite (as gatekeeper-library's
//            test.sh runs `opa test folder/*.rego` per template), else the paths are one suite
//   data=P   passed through as --data P (repeatable)
// Specs with the same label add up to one row (a library whose suites need different data or folders).
// A suite that does not compile counts all its test rules (found by name) as errors, with the first
// compile error as their reason — opa test also reports nothing else for such a suite.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "scorec.js");

function parseArgs(argv) {
  const out = { timeout: 600, markdown: false, specs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--timeout") out.timeout = Number(argv[++i]);
    else if (a === "--markdown") out.markdown = true;
    else out.specs.push(parseSpec(a));
  }
  if (!out.specs.length) {
    process.stderr.write("usage: measure-libraries.mjs [--timeout S] [--markdown] [label=]path[,path…][;v0][;each][;data=P]…\n");
    process.exit(2);
  }
  return out;
}

function parseSpec(s) {
  const [head, ...opts] = s.split(";");
  const eq = head.indexOf("=");
  const label = eq > 0 ? head.slice(0, eq) : basename(resolve(head));
  const paths = (eq > 0 ? head.slice(eq + 1) : head).split(",").map((p) => resolve(p));
  const spec = { label, paths, v0: false, each: false, data: [] };
  for (const o of opts) {
    if (o === "v0") spec.v0 = true;
    else if (o === "each") spec.each = true;
    else if (o.startsWith("data=")) spec.data.push(resolve(o.slice(5)));
    else throw new Error(`unknown option ${o} in ${s}`);
  }
  return spec;
}

function walk(dir, visit) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else visit(p);
  }
}

function testFolders(root) {
  const found = new Set();
  walk(root, (p) => {
    if (p.endsWith("_test.rego")) found.add(dirname(p));
  });
  return [...found].sort();
}

/** Test rule names, for suites that do not compile: distinct `test_…` heads per file. */
function countTestRules(paths) {
  let n = 0;
  const files = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p, (f) => f.endsWith(".rego") && files.push(f));
    else files.push(p);
  }
  for (const f of files) {
    const names = new Set(readFileSync(f, "utf8").match(/^test_[A-Za-z0-9_]*/gm) ?? []);
    n += names.size;
  }
  return n;
}

function reasonKey(reason) {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+\b/g, "N")
    .slice(0, 110);
}

function runSuite(spec, paths, timeout) {
  const args = [bin, "policy", "test", ...paths, "--format", "json"];
  if (spec.v0) args.push("--rego-version", "v0");
  for (const d of spec.data) args.push("--data", d);
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: timeout * 1000, maxBuffer: 1 << 28 });
  const res = { tests: 0, passed: 0, failed: 0, errors: 0, reasons: new Map() };
  const note = (why, n) => res.reasons.set(why, (res.reasons.get(why) ?? 0) + n);
  if (r.error || r.signal) {
    const n = countTestRules(paths);
    Object.assign(res, { tests: n, errors: n });
    note(r.error?.code === "ETIMEDOUT" || r.signal ? `timeout (${timeout}s)` : String(r.error), n);
    return res;
  }
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    const n = countTestRules(paths);
    Object.assign(res, { tests: n, errors: n });
    const first = (r.stderr.split("\n").find((l) => l.trim()) ?? "no output").replace(/^.*?: (?=[a-z_]+ error|rego_)/, "");
    note(`compile: ${reasonKey(first)}`, n);
    return res;
  }
  for (const t of json.results) {
    res.tests++;
    if (t.passed) res.passed++;
    else if (t.reason && t.reason !== "false" && t.reason !== "undefined") {
      res.errors++;
      note(reasonKey(t.reason), 1);
    } else {
      res.failed++;
      note(t.reason ?? "false", 1);
    }
  }
  return res;
}

function measure(spec, timeout) {
  const total = { label: spec.label, suites: 0, tests: 0, passed: 0, failed: 0, errors: 0, reasons: new Map() };
  const suites = spec.each ? spec.paths.flatMap(testFolders).map((f) => [f]) : [spec.paths];
  for (const s of suites) {
    const r = runSuite(spec, s, timeout);
    total.suites++;
    for (const k of ["tests", "passed", "failed", "errors"]) total[k] += r[k];
    for (const [why, n] of r.reasons) total.reasons.set(why, (total.reasons.get(why) ?? 0) + n);
  }
  return total;
}

const { timeout, markdown, specs } = parseArgs(process.argv.slice(2));
const rows = [];
for (const s of specs) {
  const r = measure(s, timeout);
  const same = rows.find((x) => x.label === r.label);
  if (!same) rows.push(r);
  else {
    for (const k of ["suites", "tests", "passed", "failed", "errors"]) same[k] += r[k];
    for (const [why, n] of r.reasons) same.reasons.set(why, (same.reasons.get(why) ?? 0) + n);
  }
}
const top = (r) =>
  [...r.reasons]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 4)
    .map(([why, n]) => `${n}× ${why}`)
    .join("; ");
const header = ["library", "suites", "tests", "passed", "failed", "errors", "top failure reasons"];
const body = rows.map((r) => [r.label, r.suites, r.tests, r.passed, r.failed, r.errors, top(r)].map(String));
const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
body.push(["total", String(sum("suites")), String(sum("tests")), String(sum("passed")), String(sum("failed")), String(sum("errors")), ""]);
if (markdown) {
  process.stdout.write(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n`);
  for (const b of body) process.stdout.write(`| ${b.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |\n`);
} else {
  for (const b of [header, ...body]) process.stdout.write(b.join("\t") + "\n");
}
