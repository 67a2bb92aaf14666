// `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (one run, rules with help text,
// results with physical locations and partialFingerprints). No timestamps or invocation data, so the
// log is a pure function of the findings.
import { byCodePoint, type Diagnostic, type Severity } from "../diagnostics/diagnostic.js";
import type { RuleMeta } from "../diagnostics/rules.js";
import { fnv1a64 } from "./fingerprint.js";
import { prepare } from "./prepare.js";
import type { Reporter } from "./reporter.js";
import { artifactLocation } from "./sarif-uri.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** Key under partialFingerprints; bump the suffix if the recipe below ever changes. */
export const FINGERPRINT_KEY = "scorec/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

function ruleJson(meta: RuleMeta): Record<string, unknown> {
  const rule: Record<string, unknown> = {
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: meta.url ? `${meta.description}\n\nSee ${meta.url}` : meta.description },
  };
  // helpUri only when the rule's author gave one: an invented link would send users nowhere.
  if (meta.url) rule.helpUri = meta.url;
  rule.defaultConfiguration = { level: LEVEL[meta.severity] };
  return rule;
}

/** Listed rules plus any rule that fired without metadata (its first finding stands in for it). */
function collectRules(listed: readonly RuleMeta[], diagnostics: readonly Diagnostic[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const r of listed) if (!byId.has(r.id)) byId.set(r.id, r);
  for (const d of diagnostics) {
    if (!byId.has(d.ruleId)) {
      const meta: RuleMeta = { id: d.ruleId, title: d.ruleId, description: d.ruleId, severity: d.severity };
      if (d.url) meta.url = d.url;
      byId.set(d.ruleId, meta);
    }
  }
  // A rule's default level must be the level its results use (a config may have changed the severity):
  // when every result of a rule has one severity, that is its default.
  const used = new Map<string, Set<Severity>>();
  for (const d of diagnostics) (used.get(d.ruleId) ?? used.set(d.ruleId, new Set()).get(d.ruleId)!).add(d.severity);
  for (const [id, severities] of used) {
    const meta = byId.get(id)!;
    if (severities.size === 1) byId.set(id, { ...meta, severity: [...severities][0]! });
  }
  return [...byId.values()].sort((a, b) => byCodePoint(a.id, b.id));
}

function atLeast1(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function region(d: Diagnostic): Record<string, number> {
  const startLine = atLeast1(d.range.start.line);
  const startColumn = atLeast1(d.range.start.column);
  let endLine = atLeast1(d.range.end.line);
  let endColumn = atLeast1(d.range.end.column);
  // An end before the start would be an invalid region; collapse it to an insertion point.
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  // Our end is exclusive (just past the last character), which is what SARIF's endColumn means too.
  return { startLine, startColumn, endLine, endColumn };
}

export const sarifReporter: Reporter = {
  name: "sarif",
  format(input, opts) {
    const { diagnostics, files } = prepare(input, opts);
    const rules = collectRules(input.rules, diagnostics);
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const fileIndex = new Map(files.map((f, i) => [f.path, i]));

    // The same rule on the same node (or with the same message) twice gets ":2", ":3"… in report
    // order, like GitHub's own primaryLocationLineHash, so fingerprints stay unique within the run.
    const seen = new Map<string, number>();
    const results = diagnostics.map((d) => {
      const base = fnv1a64([d.ruleId, d.file, d.pointer !== undefined ? "pointer:" + d.pointer : "message:" + d.message]);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const result: Record<string, unknown> = {
        ruleId: d.ruleId,
        ruleIndex: ruleIndex.get(d.ruleId),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation(d.file), index: fileIndex.get(d.file) },
              region: region(d),
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${n}` },
      };
      if (d.suppressed) result.suppressions = [{ kind: "inSource" }];
      return result;
    });

    const driver: Record<string, unknown> = { name: input.tool.name, version: input.tool.version };
    if (input.tool.informationUri !== undefined) driver.informationUri = input.tool.informationUri;
    driver.rules = rules.map(ruleJson);

    const log = {
      $schema: SARIF_SCHEMA_URI,
      version: "2.1.0",
      runs: [
        {
          tool: { driver },
          // Our columns count UTF-16 code units; say so rather than rely on the default.
          columnKind: "utf16CodeUnits",
          artifacts: files.map((f) => ({ location: artifactLocation(f.path) })),
          results,
        },
      ],
    };
    return JSON.stringify(log, null, 2) + "\n";
  },
};
