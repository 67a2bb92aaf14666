import { describe, expect, it } from "vitest";
import { codeFrame } from "../../src/report/code-frame.js";
import { reporters } from "../../src/report/reporter.js";
import { sampleInput } from "./sample.js";

const frame = (text: string, sl: number, sc: number, el: number, ec: number) =>
  codeFrame(text, { start: { line: sl, column: sc }, end: { line: el, column: ec } }).map((l) => `${l.gutter} ${l.text}`.trimEnd());

describe("pretty reporter", () => {
  it("lists unsuppressed findings per file with code frames and a summary", () => {
    expect(reporters.pretty.format(sampleInput(), {})).toBe(
      [
        "apps/web/score.yaml",
        '  5:3   warning  container "main" sets no resource limits  policy/resources-limits',
        "        5 |   main:",
        "          |   ^~~~",
        '  6:12  error    image "nginx:latest" is not pinned, use a digest  policy/image-pinned',
        "        6 |     image: nginx:latest",
        "          |            ^~~~~~~~~~~~",
        "  7:2   info     variables is empty  score/empty-map",
        "        7 |     variables: {}",
        "          |     ^~~~~~~~~~~~~",
        "",
        "✖ 3 problems (1 error, 1 warning, 1 info), 1 suppressed",
        "",
      ].join("\n"),
    );
  });

  it("--quiet keeps errors only, in the list and the counts", () => {
    const out = reporters.pretty.format(sampleInput(), { quiet: true });
    expect(out).not.toContain("warning  ");
    expect(out.endsWith("✖ 1 problem (1 error, 0 warnings, 0 infos), 1 suppressed\n")).toBe(true);
  });

  it("has no escape codes unless colour is asked for", () => {
    expect(reporters.pretty.format(sampleInput(), {})).not.toContain("\u001b");
    const coloured = reporters.pretty.format(sampleInput(), { color: true });
    expect(coloured).toContain("\u001b[31merror  \u001b[39m");
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(reporters.pretty.format(sampleInput(), {}));
  });

  it("says so when there is nothing to report", () => {
    const input = { ...sampleInput(), diagnostics: [] };
    expect(reporters.pretty.format(input, {})).toBe("✔ no problems\n");
  });

  it("makes control characters in messages visible instead of printing them", () => {
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[0]!, message: "key \u001b[2J\u202e here\nsecond line" }];
    const out = reporters.pretty.format(input, {});
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\u202e");
    expect(out).toContain("key ␛[2J\uFFFD here  policy/image-pinned\n                 second line\n");
  });
});

describe("code frame", () => {
  it("expands tabs to tab stops and keeps the marker under the range", () => {
    expect(frame("a\tbc", 1, 3, 1, 5)).toEqual(["1 | a   bc", "  |     ^~"]);
  });

  it("clips long lines around the range", () => {
    const line = "x".repeat(150) + "TARGET" + "y".repeat(150);
    const [text, marker] = frame(line, 1, 151, 1, 157);
    expect(text).toBe("1 | …" + "x".repeat(20) + "TARGET" + "y".repeat(74) + "…");
    expect(marker).toBe("  |  " + " ".repeat(20) + "^~~~~~");
  });

  it("shows multi-line ranges, eliding the middle of long ones", () => {
    const text = "a: 1\nb:\n  c: 2\n  d: 3\n  e: 4\n";
    expect(frame(text, 2, 1, 3, 7)).toEqual(["2 | b:", "  | ^~", "3 |   c: 2", "  |   ~~~~"]);
    expect(frame(text, 2, 1, 5, 7)).toEqual(["2 | b:", "  | ^~", "  ⋮", "5 |   e: 4", "  |   ~~~~"]);
  });

  it("marks an empty range with a caret and copes with CRLF", () => {
    expect(frame("a: 1\r\nb: 2\r\n", 2, 4, 2, 4)).toEqual(["2 | b: 2", "  |    ^"]);
  });

  it("is empty without text or for a line outside it", () => {
    expect(codeFrame(undefined, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } })).toEqual([]);
    expect(frame("a", 9, 1, 9, 2)).toEqual([]);
  });
});
