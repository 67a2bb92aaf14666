// `npm run conformance -- DIR… [--json]`: runs corpus folders and prints pass/fail/skip counts.
import { runDir, type CaseResult } from "./runner.js";

export function main(argv: string[]): number {
  const json = argv.includes("--json");
  const verbose = argv.includes("--failures");
  const dirs = argv.filter((a) => !a.startsWith("--"));
  if (!dirs.length) {
    console.error("usage: conformance DIR... [--json] [--failures]");
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
