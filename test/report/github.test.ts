import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../src/report/github.js";
import { reporters } from "../../src/report/reporter.js";
import { sampleInput } from "./sample.js";

describe("github reporter", () => {
  it("prints one workflow command per unsuppressed finding", () => {
    expect(reporters.github.format(sampleInput(), {})).toBe(
      [
        '::warning file=apps/web/score.yaml,line=5,col=3,endLine=5,endColumn=7,title=policy/resources-limits::container "main" sets no resource limits',
        '::error file=apps/web/score.yaml,line=6,col=12,endLine=6,endColumn=24,title=policy/image-pinned::image "nginx:latest" is not pinned, use a digest',
        "::notice file=apps/web/score.yaml,line=7,col=2,endLine=7,endColumn=15,title=score/empty-map::variables is empty",
        "",
      ].join("\n"),
    );
  });

  it("escapes data and properties like the Actions toolkit", () => {
    expect(escapeData("100% a:b,c\r\nd")).toBe("100%25 a:b,c%0D%0Ad");
    expect(escapeProperty("100% a:b,c\r\nd")).toBe("100%25 a%3Ab%2Cc%0D%0Ad");
    // "%" first, so an existing "%0A" in the text is not mistaken for an escape.
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("escapes inside the command: file and title are properties, the message is data", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[0]!, file: "a,b:c%.yaml", ruleId: "x:y", message: "50% off,\nnext: line" }];
    expect(reporters.github.format(input, {})).toBe(
      "::error file=a%2Cb%3Ac%25.yaml,line=6,col=12,endLine=6,endColumn=24,title=x%3Ay::50%25 off,%0Anext: line\n",
    );
  });

  it("drops columns for multi-line ranges, and prints nothing when there is nothing to say", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[0]!, range: { start: { line: 2, column: 1 }, end: { line: 4, column: 3 } } }];
    expect(reporters.github.format(input, {})).toContain("::error file=apps/web/score.yaml,line=2,endLine=4,title=");
    expect(reporters.github.format(sampleInput(), { quiet: true }).split("\n").filter(Boolean)).toHaveLength(1);
    expect(reporters.github.format({ ...sampleInput(), diagnostics: [] }, {})).toBe("");
  });
});
