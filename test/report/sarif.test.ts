import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { fnv1a64 } from "../../src/report/fingerprint.js";
import { reporters } from "../../src/report/reporter.js";
import { artifactLocation } from "../../src/report/sarif-uri.js";
import { corpus } from "../helpers/paths.js";
import { sampleInput } from "./sample.js";

const SCHEMA_PATH = corpus("sarif", "sarif-schema-2.1.0.json");

// Both packages are CommonJS with `exports.default` set too; under NodeNext the typed route is `.default`.
const Ajv = AjvDraft04.default;
let compiled: ReturnType<InstanceType<typeof Ajv>["compile"]> | undefined;
/** Compiled once: the SARIF schema is large. */
function validator() {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

const loc = (uri: string, index: number, startLine: number, startColumn: number, endLine: number, endColumn: number) => [
  { physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%", index }, region: { startLine, startColumn, endLine, endColumn } } },
];

describe("sarif reporter", () => {
  const out = reporters.sarif.format(sampleInput(), {});
  const log = JSON.parse(out);

  it("validates against the official SARIF 2.1.0 schema", () => {
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(reporters.sarif.format({ ...sampleInput(), diagnostics: [], rules: [] }, {})))).toBe(true);
  });

  it("describes the tool and every listed or fired rule", () => {
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe("scorec");
    expect(driver.version).toBe("0.1.0");
    expect(driver.informationUri).toBe("https://github.com/example/scorec");
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(["policy/image-pinned", "policy/no-latest", "policy/resources-limits", "score/empty-map"]);
    expect(driver.rules[0]).toEqual({
      id: "policy/image-pinned",
      name: "policy/image-pinned",
      shortDescription: { text: "Images are pinned by digest" },
      fullDescription: { text: "Container images must reference an immutable digest." },
      help: { text: "Container images must reference an immutable digest.\n\nSee https://example.com/rules/image-pinned" },
      helpUri: "https://example.com/rules/image-pinned",
      defaultConfiguration: { level: "error" },
    });
    // No url known: no helpUri.
    expect(driver.rules[1].helpUri).toBeUndefined();
    expect(driver.rules[3].defaultConfiguration).toEqual({ level: "note" });
  });

  it("lists artifacts and results with 1-based regions, levels and suppressions", () => {
    const run = log.runs[0];
    expect(run.artifacts).toEqual([
      { location: { uri: "apps/api/score.yaml", uriBaseId: "%SRCROOT%" } },
      { location: { uri: "apps/web/score.yaml", uriBaseId: "%SRCROOT%" } },
    ]);
    const results = run.results.map((r: Record<string, unknown>) => ({ ...r, partialFingerprints: undefined }));
    expect(results).toEqual([
      { ruleId: "policy/resources-limits", ruleIndex: 2, level: "warning", message: { text: 'container "main" sets no resource limits' }, locations: loc("apps/web/score.yaml", 1, 5, 3, 5, 7) },
      { ruleId: "policy/image-pinned", ruleIndex: 0, level: "error", message: { text: 'image "nginx:latest" is not pinned, use a digest' }, locations: loc("apps/web/score.yaml", 1, 6, 12, 6, 24) },
      { ruleId: "policy/no-latest", ruleIndex: 1, level: "error", message: { text: 'tag "latest" is mutable' }, locations: loc("apps/web/score.yaml", 1, 6, 18, 6, 24), suppressions: [{ kind: "inSource" }] },
      { ruleId: "score/empty-map", ruleIndex: 3, level: "note", message: { text: "variables is empty" }, locations: loc("apps/web/score.yaml", 1, 7, 2, 7, 15) },
    ]);
    expect(out.endsWith("}\n")).toBe(true);
  });

  it("fingerprints from rule, file and pointer, numbering repeats", () => {
    const fp = (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["scorec/v1"];
    const [first] = log.runs[0].results;
    expect(fp(first)).toBe(`${fnv1a64(["policy/resources-limits", "apps/web/score.yaml", "pointer:/containers/main"])}:1`);
    // Moving the finding or rewording it keeps the fingerprint when the pointer is known.
    const input = sampleInput();
    input.diagnostics = [{ ...input.diagnostics[1]!, message: "reworded", range: { start: { line: 9, column: 1 }, end: { line: 9, column: 2 } } }];
    input.diagnostics.push({ ...input.diagnostics[0]!, range: { start: { line: 10, column: 1 }, end: { line: 10, column: 2 } } });
    const moved = JSON.parse(reporters.sarif.format(input, {})).runs[0].results;
    expect(moved.map(fp)).toEqual([fp(first), fp(first).replace(/:1$/, ":2")]);
  });

  it("FNV-1a 64 matches the published test vector", () => {
    // FNV-1a 64 of "a" is af63dc4c8601ec8c; our part separator is one more multiply by the prime (a NUL).
    expect(fnv1a64(["a"])).toBe("089be207b544f1e4");
    expect(fnv1a64(["ab", "c"])).not.toBe(fnv1a64(["a", "bc"]));
  });

  it("turns paths into URIs", () => {
    expect(artifactLocation("./a b/score#1.yaml")).toEqual({ uri: "a%20b/score%231.yaml", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/abs/x.yaml")).toEqual({ uri: "file:///abs/x.yaml" });
    expect(artifactLocation("C:/w/x.yaml")).toEqual({ uri: "file:///C:/w/x.yaml" });
  });

  it("--quiet keeps error results only and still validates", () => {
    const quiet = JSON.parse(reporters.sarif.format(sampleInput(), { quiet: true }));
    expect(quiet.runs[0].results.map((r: { level: string }) => r.level)).toEqual(["error", "error"]);
    expect(validator()(quiet)).toBe(true);
  });
});

describe("SARIF rule levels agree with results (issue 13)", () => {
  it("defaultConfiguration.level is the level the rule's results use, even when a config changed it", () => {

    const at = { line: 1, column: 1 };
    const out = JSON.parse(
      reporters.sarif.format(
        {
          diagnostics: [{ file: "a.yaml", ruleId: "score/x", source: "policy", severity: "warning", message: "m", range: { start: at, end: at } }],
          files: [{ path: "a.yaml" }],
          rules: [{ id: "score/x", title: "x", description: "x", severity: "error" }],
          tool: { name: "scorec", version: "0" },
        },
        {},
      ),
    );
    expect(out.runs[0].tool.driver.rules[0].defaultConfiguration.level).toBe("warning");
    expect(out.runs[0].results[0].level).toBe("warning");
  });
});
