// Each file in fixtures/invalid/ shows one failure kind; its expected diagnostics (exact ranges included)
// are the golden JSON beside it.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { expectGolden } from "../helpers/golden.js";
import { REPO, fixture } from "../helpers/paths.js";

const dir = fixture("invalid");
const files = readdirSync(dir).filter((f) => /\.score\.ya?ml$/.test(f)).sort();

describe("invalid fixtures", () => {
  it.each(files)("%s gives its expected diagnostics", (name) => {
    const path = relative(REPO, join(dir, name)).split("\\").join("/");
    const { diagnostics } = check([{ path: join(REPO, path) }]);
    const shown = diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      range: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
      ...(d.pointer !== undefined ? { pointer: d.pointer } : {}),
    }));
    expect(diagnostics.some((d) => d.severity === "error" || d.severity === "warning")).toBe(true);
    expectGolden(join(dir, name.replace(/\.score\.ya?ml$/, ".expected.json")), JSON.stringify(shown, null, 2) + "\n");
  });
});
