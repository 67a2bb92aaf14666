// Every real Score file from test/corpora/score-examples must pass `check` (schema and YAML).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { corpus } from "../helpers/paths.js";

const dir = corpus("score-examples");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

// Findings we expect, with the reason. These examples read files (`files.<target>.source`) that sat next to
// them in their repositories and were not copied with them.
const EXPECTED: Record<string, string[]> = {
  "compose--examples_03-files_score.yaml": ["score/file-source-missing"],
  "examples--specification_files_score.yaml": ["score/file-source-missing"],
  "spec--samples_score-full.yaml": ["score/file-source-missing"],
};

describe("public Score examples", () => {
  it("there are 40 of them", () => expect(files).toHaveLength(40));
  it.each(files)("%s has no errors (or only the listed ones)", (f) => {
    const { diagnostics } = check([{ path: join(dir, f) }], { root: dir });
    expect([...new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.ruleId))]).toEqual(EXPECTED[f] ?? []);
  });
});
