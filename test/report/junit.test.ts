import { describe, expect, it } from "vitest";
import { reporters } from "../../src/report/reporter.js";
import { escapeAttr, escapeText } from "../../src/report/xml.js";
import { sampleInput } from "./sample.js";

/** A minimal well-formedness check: every tag closes in order and only known entities appear. */
function assertWellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const stack: string[] = [];
  const body = xml.slice(xml.indexOf("?>") + 2);
  for (const m of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(stack).toEqual([]);
  // No stray markup characters outside tags, and only the five predefined entities or numeric references.
  const text = body.replace(/<[^>]*>/g, "");
  expect(text).not.toMatch(/[<>]/);
  expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, "")).not.toContain("&");
}

describe("junit reporter", () => {
  it("writes one suite per file, one case per fired rule, a passing case for clean files", () => {
    const out = reporters.junit.format(sampleInput(), {});
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="scorec" tests="5" failures="1" errors="0" skipped="1">',
        '  <testsuite name="apps/api/score.yaml" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="no problems" classname="apps/api/score.yaml"/>',
        "  </testsuite>",
        '  <testsuite name="apps/web/score.yaml" tests="4" failures="1" errors="0" skipped="1">',
        '    <testcase name="policy/image-pinned" classname="apps/web/score.yaml">',
        '      <failure message="image &quot;nginx:latest&quot; is not pinned, use a digest" type="error">6:12 error image "nginx:latest" is not pinned, use a digest</failure>',
        "    </testcase>",
        '    <testcase name="policy/no-latest" classname="apps/web/score.yaml">',
        '      <skipped message="1 finding suppressed"/>',
        "    </testcase>",
        '    <testcase name="policy/resources-limits" classname="apps/web/score.yaml">',
        // Warnings and infos pass, with what was found on system-out (issue 13).
        '      <system-out>5:3 warning container "main" sets no resource limits</system-out>',
        "    </testcase>",
        '    <testcase name="score/empty-map" classname="apps/web/score.yaml">',
        '      <system-out>7:2 info variables is empty</system-out>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
    assertWellFormed(out);
    expect(out).not.toMatch(/timestamp|time=|hostname/);
  });

  it("groups several findings of one rule into one failure and escapes markup", () => {
    const input = sampleInput();
    const base = input.diagnostics[0]!;
    input.diagnostics = [
      { ...base, file: "a&b<c>.yaml", message: "uses <script> & \"quotes\"\nand\ta tab \u0001" },
      { ...base, file: "a&b<c>.yaml", severity: "warning", message: "second", range: { start: { line: 9, column: 1 }, end: { line: 9, column: 2 } } },
    ];
    input.files = [];
    const out = reporters.junit.format(input, {});
    assertWellFormed(out);
    expect(out).toContain('<testsuite name="a&amp;b&lt;c&gt;.yaml" tests="1" failures="1" errors="0" skipped="0">');
    expect(out).toContain(
      '<failure message="2 findings" type="error">6:12 error uses &lt;script&gt; &amp; "quotes"\nand\ta tab \uFFFD\n9:1 warning second</failure>',
    );
  });

  it("escapes attribute line breaks and drops characters XML cannot hold", () => {
    expect(escapeAttr('a"b\'c\nd\te')).toBe("a&quot;b&apos;c&#10;d&#9;e");
    expect(escapeText("\u0000x\uD800y\uFFFF")).toBe("\uFFFDx\uFFFDy\uFFFD");
    expect(escapeText("😀")).toBe("😀");
  });

  it("--quiet drops warning and info cases", () => {
    const out = reporters.junit.format(sampleInput(), { quiet: true });
    expect(out).toContain('<testsuites name="scorec" tests="3" failures="1" errors="0" skipped="1">');
    expect(out).not.toContain("policy/resources-limits");
  });
});
