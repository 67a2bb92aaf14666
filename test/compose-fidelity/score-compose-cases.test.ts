// score-compose's own tests as the oracle: every case of test/corpora/score-compose-cases (transcribed from
// score-compose's Go tests and examples; see its PROVENANCE.md) is one test named after its source, judged as
// run_cases.py judges it. A case scorec does not match yet is listed in KNOWN_DIFFERENCES with the reason and
// asserted to still differ, so fixing it flips the test and the list must shrink.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES_DIR, runCases, type CaseResult } from "./run-case.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";

const names = readdirSync(CASES_DIR).sort();
let work: string;
let results: Map<string, CaseResult>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "scorec-compose-cases-"));
  results = await runCases(names, work, 2);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

describe("score-compose's test cases (modulo S1–S3)", () => {
  it("the corpus holds the 92 transcribed cases and every known difference names one of them", () => {
    expect(names.length).toBe(92);
    for (const n of Object.keys(KNOWN_DIFFERENCES)) expect(names).toContain(n);
  });

  for (const name of names) {
    it(`${name}`, async () => {
      const r = results.get(name)!;
      const label = `${name} (${r.meta.source})`;
      // Whatever the verdict, a compose.yaml scorec writes is valid Compose.
      if (r.schemaErrors) expect(r.schemaErrors, `${label}: compose.yaml against compose-spec.json`).toEqual([]);
      const known = KNOWN_DIFFERENCES[name];
      if (known) {
        expect(r.matchModuloSystematic, `${label} matches now: remove it from KNOWN_DIFFERENCES (${known.reason})`).toBe(false);
      } else {
        const real = r.fails.filter((f) => !/^\[S[123]\] /.test(f));
        expect(real, `${label}\n${r.stderr.trim()}`).toEqual([]);
        expect(r.matchModuloSystematic).toBe(true);
      }
    });
  }
});
