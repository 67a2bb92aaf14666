import { describe, expect, it } from "vitest";
import { reporters, summarize, type ReporterName } from "../../src/report/reporter.js";
import { sampleInput } from "./sample.js";

/** Seeded Fisher–Yates over a small LCG, so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const NAMES = Object.keys(reporters) as ReporterName[];

describe("every reporter", () => {
  it("is registered under its own name", () => {
    expect(NAMES).toEqual(["pretty", "json", "sarif", "github", "junit", "tap"]);
    for (const n of NAMES) expect(reporters[n].name).toBe(n);
  });

  it("prints the same bytes for shuffled diagnostics, files and rules", () => {
    const input = sampleInput();
    // Two findings equal in everything compareDiagnostics looks at, differing only in severity and pointer.
    input.diagnostics.push({ ...input.diagnostics[0]!, severity: "warning", pointer: "/other" });
    for (const name of NAMES) {
      for (const opts of [{}, { quiet: true }, { color: true }]) {
        const expected = reporters[name].format(input, opts);
        for (let seed = 1; seed <= 20; seed++) {
          const shuffledInput = {
            ...input,
            diagnostics: shuffled(input.diagnostics, seed),
            files: shuffled(input.files, seed * 7),
            rules: shuffled(input.rules, seed * 13),
          };
          expect(reporters[name].format(shuffledInput, opts), `${name} seed ${seed}`).toBe(expected);
        }
      }
    }
  });

  it("does not mutate its input", () => {
    const input = sampleInput();
    const before = JSON.stringify(input);
    for (const name of NAMES) reporters[name].format(input, { quiet: true, color: true });
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("summarize", () => {
  it("counts unsuppressed findings by severity and suppressed ones apart", () => {
    expect(summarize(sampleInput().diagnostics)).toEqual({ errors: 1, warnings: 1, infos: 1, suppressed: 1 });
    expect(summarize([])).toEqual({ errors: 0, warnings: 0, infos: 0, suppressed: 0 });
  });
});
