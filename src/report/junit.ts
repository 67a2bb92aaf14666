// `--format junit`: one <testsuite> per checked file, one <testcase> per rule that fired in it. No
// timestamps, hostnames or durations, so the XML is byte-for-byte reproducible.
import { byCodePoint, type Diagnostic } from "../diagnostics/diagnostic.js";
import { prepare, type FileReport } from "./prepare.js";
import type { Reporter } from "./reporter.js";
import { attrs, escapeText } from "./xml.js";

interface Suite {
  xml: string[];
  tests: number;
  failures: number;
  skipped: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function suiteFor(file: FileReport): Suite {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of file.diagnostics) {
    const list = byRule.get(d.ruleId);
    if (list) list.push(d);
    else byRule.set(d.ruleId, [d]);
  }
  const xml: string[] = [];
  let failures = 0;
  let skipped = 0;
  let passedWithOutput = 0;
  for (const ruleId of [...byRule.keys()].sort(byCodePoint)) {
    const all = byRule.get(ruleId)!;
    const open = all.filter((d) => !d.suppressed);
    const head = `    <testcase${attrs([["name", ruleId], ["classname", file.path]])}>`;
    if (open.length === 0) {
      // Only suppressed findings: reported as skipped so they stay visible without failing the build.
      skipped++;
      xml.push(head, `      <skipped${attrs([["message", `${plural(all.length, "finding")} suppressed`]])}/>`, "    </testcase>");
      continue;
    }
    const body = open.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.message}`).join("\n");
    if (!open.some((d) => d.severity === "error")) {
      // Warnings and infos do not fail the run, so they do not fail the test case either: a passing case
      // whose output says what was found.
      passedWithOutput++;
      xml.push(head, `      <system-out>${escapeText(body)}</system-out>`, "    </testcase>");
      continue;
    }
    failures++;
    const message = open.length === 1 ? open[0]!.message : plural(open.length, "finding");
    xml.push(head, `      <failure${attrs([["message", message], ["type", "error"]])}>${escapeText(body)}</failure>`, "    </testcase>");
  }
  let tests = byRule.size;
  if (failures === 0 && passedWithOutput === 0) {
    // A file with nothing to fail still shows up as one passing test, so "all files checked" is visible.
    tests++;
    xml.push(`    <testcase${attrs([["name", "no problems"], ["classname", file.path]])}/>`);
  }
  return { xml, tests, failures, skipped };
}

export const junitReporter: Reporter = {
  name: "junit",
  format(input, opts) {
    const { files } = prepare(input, opts);
    const suites = files.map((f) => ({ file: f, suite: suiteFor(f) }));
    const total = suites.reduce(
      (t, { suite }) => ({ tests: t.tests + suite.tests, failures: t.failures + suite.failures, skipped: t.skipped + suite.skipped }),
      { tests: 0, failures: 0, skipped: 0 },
    );
    const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
    out.push(`<testsuites${attrs([["name", input.tool.name], ["tests", total.tests], ["failures", total.failures], ["errors", 0], ["skipped", total.skipped]])}>`);
    for (const { file, suite } of suites) {
      const open = `  <testsuite${attrs([["name", file.path], ["tests", suite.tests], ["failures", suite.failures], ["errors", 0], ["skipped", suite.skipped]])}>`;
      out.push(open, ...suite.xml, "  </testsuite>");
    }
    out.push("</testsuites>");
    return out.join("\n") + "\n";
  },
};
