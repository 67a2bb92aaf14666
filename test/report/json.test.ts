import { describe, expect, it } from "vitest";
import { reporters } from "../../src/report/reporter.js";
import { sampleInput } from "./sample.js";

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, column: sc }, end: { line: el, column: ec } });

// Written out in the documented key order: comparing the serialisation checks the order too.
const EXPECTED = {
  version: 1,
  tool: { name: "scorec", version: "0.1.0", informationUri: "https://github.com/example/scorec" },
  files: [
    { path: "apps/api/score.yaml", diagnostics: [] },
    {
      path: "apps/web/score.yaml",
      diagnostics: [
        { ruleId: "policy/resources-limits", severity: "warning", message: 'container "main" sets no resource limits', source: "policy", range: range(5, 3, 5, 7), pointer: "/containers/main" },
        { ruleId: "policy/image-pinned", severity: "error", message: 'image "nginx:latest" is not pinned, use a digest', source: "policy", range: range(6, 12, 6, 24), pointer: "/containers/main/image", url: "https://example.com/rules/image-pinned" },
        { ruleId: "policy/no-latest", severity: "error", message: 'tag "latest" is mutable', source: "policy", range: range(6, 18, 6, 24), pointer: "/containers/main/image", suppressed: true },
        { ruleId: "score/empty-map", severity: "info", message: "variables is empty", source: "score", range: range(7, 2, 7, 15), pointer: "/containers/main/variables" },
      ],
    },
  ],
  summary: { errors: 1, warnings: 1, infos: 1, suppressed: 1 },
};

describe("json reporter", () => {
  it("prints the documented version 1 shape, two-space indented with a trailing newline", () => {
    const out = reporters.json.format(sampleInput(), {});
    expect(out).toBe(JSON.stringify(EXPECTED, null, 2) + "\n");
    expect(out.split("\n")[1]).toBe('  "version": 1,');
  });

  it("uses null for a missing pointer and leaves out absent url and suppressed", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[2]!, pointer: undefined }];
    const d = JSON.parse(reporters.json.format(input, {})).files[1].diagnostics[0];
    expect(d.pointer).toBeNull();
    expect(Object.keys(d)).toEqual(["ruleId", "severity", "message", "source", "range", "pointer"]);
  });

  it("--quiet keeps errors only and counts only them", () => {
    const doc = JSON.parse(reporters.json.format(sampleInput(), { quiet: true }));
    expect(doc.files[1].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["policy/image-pinned", "policy/no-latest"]);
    expect(doc.summary).toEqual({ errors: 1, warnings: 0, infos: 0, suppressed: 1 });
  });

  it("lists a file that only appears in a finding", () => {
    const input = sampleInput();
    input.files = [];
    const doc = JSON.parse(reporters.json.format(input, {}));
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(["apps/web/score.yaml"]);
  });
});
