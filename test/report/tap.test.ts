import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reporters } from "../../src/report/reporter.js";
import { sampleInput } from "./sample.js";

describe("tap reporter", () => {
  it("prints TAP 13 with one test per file and a YAML block of findings", () => {
    const out = reporters.tap.format(sampleInput(), {});
    expect(out).toBe(
      [
        "TAP version 13",
        "1..2",
        "ok 1 - apps/api/score.yaml",
        "not ok 2 - apps/web/score.yaml",
        "  ---",
        "  findings:",
        '    - ruleId: "policy/resources-limits"',
        "      severity: warning",
        '      message: "container \\"main\\" sets no resource limits"',
        "      line: 5",
        "      column: 3",
        "      endLine: 5",
        "      endColumn: 7",
        '      pointer: "/containers/main"',
        '    - ruleId: "policy/image-pinned"',
        "      severity: error",
        '      message: "image \\"nginx:latest\\" is not pinned, use a digest"',
        "      line: 6",
        "      column: 12",
        "      endLine: 6",
        "      endColumn: 24",
        '      pointer: "/containers/main/image"',
        '      url: "https://example.com/rules/image-pinned"',
        '    - ruleId: "policy/no-latest"',
        "      severity: error",
        '      message: "tag \\"latest\\" is mutable"',
        "      line: 6",
        "      column: 18",
        "      endLine: 6",
        "      endColumn: 24",
        '      pointer: "/containers/main/image"',
        "      suppressed: true",
        '    - ruleId: "score/empty-map"',
        "      severity: info",
        '      message: "variables is empty"',
        "      line: 7",
        "      column: 2",
        "      endLine: 7",
        "      endColumn: 15",
        '      pointer: "/containers/main/variables"',
        "  ...",
        "",
      ].join("\n"),
    );
  });

  it("emits YAML blocks that parse back to the findings, whatever the message holds", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[0]!, message: "a: b\n- c # d\t'e' \"f\" \\ \u0007" }];
    const out = reporters.tap.format(input, {});
    const block = out.slice(out.indexOf("  ---\n") + 6, out.indexOf("  ...\n"));
    expect(parse(block).findings[0].message).toBe("a: b\n- c # d\t'e' \"f\" \\ \u0007");
  });

  it("is ok for a file with only warnings, and escapes # in descriptions", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[1]!, file: "dir#1/score.yaml" }];
    input.files = [];
    expect(reporters.tap.format(input, {}).split("\n").slice(0, 3)).toEqual(["TAP version 13", "1..1", "ok 1 - dir\\#1/score.yaml"]);
  });

  it("--quiet lists errors only", () => {
    const out = reporters.tap.format(sampleInput(), { quiet: true });
    expect(out).not.toContain("severity: warning");
    expect(out).not.toContain("severity: info");
    expect(out).toContain("not ok 2 - apps/web/score.yaml");
  });
});
