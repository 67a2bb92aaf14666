// The shared input of the reporter tests: two files, one with an error, a warning, an info and a
// suppressed finding, one clean. Text includes a tab and a long line to exercise the code frame.
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { RuleMeta } from "../../src/diagnostics/rules.js";
import type { ReportInput } from "../../src/report/reporter.js";

export const APP_TEXT = [
  "apiVersion: score.dev/v1b1",
  "metadata:",
  "  name: web",
  "containers:",
  "  main:",
  "    image: nginx:latest",
  "\tvariables: {}",
  "resources: {}",
].join("\n");

export const DIAGNOSTICS: Diagnostic[] = [
  {
    file: "apps/web/score.yaml",
    ruleId: "policy/image-pinned",
    source: "policy",
    severity: "error",
    message: "image \"nginx:latest\" is not pinned, use a digest",
    range: { start: { line: 6, column: 12 }, end: { line: 6, column: 24 } },
    pointer: "/containers/main/image",
    url: "https://example.com/rules/image-pinned",
  },
  {
    file: "apps/web/score.yaml",
    ruleId: "policy/resources-limits",
    source: "policy",
    severity: "warning",
    message: "container \"main\" sets no resource limits",
    range: { start: { line: 5, column: 3 }, end: { line: 5, column: 7 } },
    pointer: "/containers/main",
  },
  {
    file: "apps/web/score.yaml",
    ruleId: "score/empty-map",
    source: "score",
    severity: "info",
    message: "variables is empty",
    range: { start: { line: 7, column: 2 }, end: { line: 7, column: 15 } },
    pointer: "/containers/main/variables",
  },
  {
    file: "apps/web/score.yaml",
    ruleId: "policy/no-latest",
    source: "policy",
    severity: "error",
    message: "tag \"latest\" is mutable",
    range: { start: { line: 6, column: 18 }, end: { line: 6, column: 24 } },
    pointer: "/containers/main/image",
    suppressed: true,
  },
];

export const RULES: RuleMeta[] = [
  {
    id: "policy/image-pinned",
    title: "Images are pinned by digest",
    description: "Container images must reference an immutable digest.",
    severity: "error",
    url: "https://example.com/rules/image-pinned",
  },
  { id: "policy/no-latest", title: "No latest tag", description: "The latest tag is mutable.", severity: "error" },
  { id: "policy/resources-limits", title: "Resource limits", description: "Containers set resource limits.", severity: "warning" },
];

export function sampleInput(): ReportInput {
  return {
    diagnostics: DIAGNOSTICS.map((d) => ({ ...d })),
    files: [
      { path: "apps/web/score.yaml", text: APP_TEXT },
      { path: "apps/api/score.yaml", text: "apiVersion: score.dev/v1b1\n" },
    ],
    rules: RULES,
    tool: { name: "scorec", version: "0.1.0", informationUri: "https://github.com/example/scorec" },
  };
}
