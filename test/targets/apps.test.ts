// Apps compiled for every target through the real pipeline (Score files → provisioners → target), checked
// against reviewed golden folders and against each target's own contract: the Compose schema, the chart's
// values.schema.json, and the Terraform variable types of variables.tf.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";
import { parse } from "yaml";
import { tfVarsErrors } from "../../targets/terraform/index.js";
import { composeSchemaErrors } from "../helpers/compose-schema.js";
import { expectGoldenDir } from "../helpers/golden-dir.js";
import { REPO, fixture } from "../helpers/paths.js";

const root = fixture("targets");
const apps = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
const valuesSchema = JSON.parse(readFileSync(join(REPO, "targets/helm/chart/values.schema.json"), "utf8"));
const validateValues = new Ajv.default({ allErrors: true, strict: false }).compile(valuesSchema);

async function compile(app: string, target: string) {
  const dir = join(root, app);
  const inputs = readdirSync(dir).filter((f) => /^score.*\.yaml$/.test(f)).sort().map((f) => ({ path: join(dir, f) }));
  const opts = existsSync(join(dir, "options.json")) ? JSON.parse(readFileSync(join(dir, "options.json"), "utf8")) : {};
  return generate(inputs, {
    target,
    outputDir: "out",
    root: REPO,
    projectName: app,
    provisioners: (opts.provisioners ?? []).map((p: string) => join(dir, p)),
    build: opts.build,
    image: opts.image,
  });
}

const cases = apps.flatMap((app) => ["compose", "helm", "terraform"].map((target) => [app, target] as const));

describe("apps × targets", () => {
  it("has the four apps", () => expect(apps).toEqual(["makeline", "onlineboutique", "score-full", "service-ports"]));
  it.each(cases)("%s → %s", async (app, target) => {
    const r = await compile(app, target);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const artifacts = r.artifacts!;
    expect(artifacts.length).toBeGreaterThan(0);
    for (const a of artifacts) {
      const text = String(a.content);
      if (target === "compose" && a.path === "compose.yaml") expect(composeSchemaErrors(text)).toEqual([]);
      if (target === "helm" && a.path.endsWith(".values.yaml")) {
        const ok = validateValues(parse(text));
        expect(ok ? [] : validateValues.errors, a.path).toEqual([]);
      }
      if (target === "terraform" && a.path.endsWith(".auto.tfvars.json")) expect(tfVarsErrors(JSON.parse(text)), a.path).toEqual([]);
    }
    expectGoldenDir(join(root, app, "expected", target), artifacts);
  });
});
