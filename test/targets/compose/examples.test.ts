// Every score-compose example (and the multi-workload onlineboutique sample) compiles with the unchanged
// upstream default provisioners; the output is the reviewed golden folder and validates against the
// official Compose schema.
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, type GenerateOptions } from "../../../src/api/generate.js";
import { parseOverrideProperty, type Override } from "../../../src/check/overrides.js";
import { composeSchemaErrors } from "../../helpers/compose-schema.js";
import { expectGoldenDir } from "../../helpers/golden-dir.js";
import { REPO, fixture } from "../../helpers/paths.js";

const root = fixture("compose");
const examples = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

export async function compileExample(dir: string, extra: Partial<GenerateOptions> = {}) {
  const inputs = readdirSync(dir).filter((f) => /^score.*\.yaml$/.test(f)).sort().map((f) => ({ path: join(dir, f) }));
  const opts = existsSync(join(dir, "options.json")) ? JSON.parse(readFileSync(join(dir, "options.json"), "utf8")) : {};
  const overrides: Override[] = [];
  if (opts.overridesFile) overrides.push({ kind: "patch", patch: parse(readFileSync(join(dir, opts.overridesFile), "utf8")) });
  for (const p of opts.overrideProperties ?? []) overrides.push(parseOverrideProperty(p) as Override);
  return generate(inputs, { target: "compose", outputDir: "out", root: REPO, overrides, publish: opts.publish, image: opts.image, build: opts.build, provisioners: (opts.provisioners ?? []).map((p: string) => join(dir, p)), ...extra });
}

describe("compose target: score-compose examples", () => {
  it("has the 16 score-compose examples and the onlineboutique sample", () => expect(examples).toHaveLength(17));
  it.each(examples)("%s", async (name) => {
    const r = await compileExample(join(root, name));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.artifacts).toBeDefined();
    const compose = r.artifacts!.find((a) => a.path === "compose.yaml")!;
    expect(composeSchemaErrors(String(compose.content))).toEqual([]);
    expectGoldenDir(join(root, name, "expected"), r.artifacts!);
  });
});
