// Issue 13 item 7: schema messages in words (no raw regex), one error per problem, "quote it", and a hint
// for a mis-indented block.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { REPO } from "../helpers/paths.js";

const run = (text: string) => check([{ path: "m.score.yaml", contents: text }], { root: process.cwd() }).diagnostics.filter((d) => d.severity === "error");

describe("schema messages", () => {
  it("say what is allowed instead of a regular expression, and a one-character name is one error", () => {
    const ds = run("apiVersion: score.dev/v2\nmetadata: {name: w}\ncontainers:\n  main:\n    image: nginx\n    variables: {PORT: 8080}\n");
    expect(ds.map((d) => d.message)).toEqual([
      'apiVersion must be `score.dev/v1b1`, found the string "score.dev/v2"',
      "metadata.name must be 2 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit, found the string \"w\"",
      'containers.main.variables.PORT must be a string, found the number 8080 — quote it: "8080"',
    ]);
    for (const d of ds) expect(d.message).not.toMatch(/\^|\$$|\[a-z/);
  });
});

describe("a mis-indented block gets one finding with a hint, at its key", () => {
  const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n";
  const one = (text: string) => {
    const ds = run(text);
    expect(ds).toHaveLength(1);
    return `${ds[0]!.range.start.line}:${ds[0]!.range.start.column} ${ds[0]!.ruleId} ${ds[0]!.message}`;
  };

  it("`resources` indented under `containers` (read as a container named resources)", () => {
    expect(one(head + "containers:\n  main:\n    image: nginx\n  resources:\n    db:\n      type: postgres\n")).toBe(
      '7:3 schema/misplaced-key `resources` is indented under containers, so it is read as containers.resources (unknown property "db" in containers.resources) — did you mean `resources` at the top level, without indentation?',
    );
  });

  it("`resources` indented under a container (read as its limits/requests)", () => {
    expect(one(head + "containers:\n  main:\n    image: nginx\n    resources:\n      db:\n        type: postgres\n")).toBe(
      '7:5 schema/misplaced-key `resources` is indented under containers.main, so it is read as containers.main.resources (unknown property "db" in containers.main.resources) — did you mean `resources` at the top level, without indentation?',
    );
  });

  it("`containers` under `metadata` (which accepts any key): the missing top-level key is reported at the indented one", () => {
    expect(one(head + "  containers:\n    main:\n      image: nginx\n")).toBe(
      "4:3 schema/misplaced-key `containers` is indented under metadata, so it is read as metadata.containers (and the workload has no top-level `containers`) — did you mean `containers` at the top level, without indentation?",
    );
  });

  it("`service` inside the last resource", () => {
    expect(one(head + "containers:\n  main: {image: nginx}\nresources:\n  db:\n    type: postgres\n  service:\n    ports:\n      www: {port: 80}\n")).toBe(
      '9:3 schema/misplaced-key `service` is indented under resources, so it is read as resources.service (unknown property "ports" in resources.service) — did you mean `service` at the top level, without indentation?',
    );
  });

  it("no hint where the block is valid, or where the top level has the key already", () => {
    // A problem inside a block that belongs where it is stays the schema's finding.
    expect(run(head + "containers:\n  main:\n    image: nginx\n    resources:\n      limits: {cpu: 1}\n").map((d) => d.ruleId)).toEqual(["schema/type"]);
    const both = run(head + "containers:\n  main:\n    image: nginx\n    resources:\n      db: {type: postgres}\nresources: {}\n");
    expect(both.map((d) => d.ruleId)).toEqual(["schema/additional-property"]);
  });

  it("the top-level keys it knows are the Score schema's", async () => {
    const { TOP_LEVEL_KEYS } = await import("../../src/validate/misplaced-keys.js");
    const schema = JSON.parse(readFileSync(join(REPO, "schemas", "score-v1b1.json"), "utf8")) as { properties: Record<string, { type: string }> };
    expect(Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.type]))).toEqual(TOP_LEVEL_KEYS);
  });
});
