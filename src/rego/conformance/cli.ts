// `npm run conformance [-- DIR… --json --failures]`: runs corpus folders (default: the vendored OPA, Regorus and
// rego-cpp corpora under test/corpora/) and prints pass/fail/skip counts.
import { statSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../package-root.js";
import { runDir, type CaseResult } from "./runner.js";

const DEFAULT_CORPORA = ["opa-conformance", "regorus", "rego-cpp"];

/** A one-line reason why `dir` cannot be run, or undefined when it is a readable folder. */
function notAFolder(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : `conformance: ${dir} is not a folder`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `conformance: ${dir}: ${code === "ENOENT" ? "no such folder" : code ?? String(e)}`;
  }
}

export function main(argv: string[]): number {
  const json = argv.includes("--json");
  const verbose = argv.includes("--failures");
  const named = argv.filter((a) => !a.startsWith("--"));
  const dirs = named.length ? named : DEFAULT_CORPORA.map((c) => join(packageRoot(), "test", "corpora", c));
  const bad = dirs.map(notAFolder).filter((m) => m !== undefined);
  if (bad.length) {
    for (const m of bad) console.error(m);
    return 2;
  }
  const all: CaseResult[] = [];
  let p = 0;
  let f = 0;
  let s = 0;
  for (const d of dirs) {
    const r = runDir(d);
    all.push(...r.results);
    p += r.passed;
    f += r.failed;
    s += r.skipped;
    if (!json) {
      if (verbose) for (const x of r.results) if (x.status === "failed") console.log(`FAIL ${x.file} :: ${x.note}\n    ${x.reason}`);
      console.log(`${d}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    }
  }
  if (json) console.log(JSON.stringify(all, null, 2));
  else console.log(`${p} passed, ${f} failed, ${s} skipped`);
  return f > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
