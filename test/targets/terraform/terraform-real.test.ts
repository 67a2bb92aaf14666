// The real terraform over every tfvars golden (fixtures/targets/*/expected/terraform) and the tfvars the unit
// fixture emits (web: files, volumes, escapes, five resources; frontend): one `terraform init` of the example
// module, `terraform validate` and `fmt -check` once (they read the module, not the variables), then one
// `terraform plan` per tfvars file, run concurrently (vitest maxConcurrency). Each plan must create the
// workload, and `terraform show -json` of it must hold the workload with every template rendered: the
// stand-in modules' outputs substituted for ${module.…} and the $${ / %%{ escapes undone.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byCodePoint } from "../../../src/diagnostics/diagnostic.js";
import { fixture } from "../../helpers/paths.js";
import { realTool } from "../../helpers/real-tool.js";
import { terraformTarget } from "../../../targets/terraform/index.js";
import { fixture as unitFixture } from "../fixtures/workloads.js";
import { initExample, terraform } from "./example-module.js";

const hasTerraform = realTool("terraform", "terraform", ["version"]);

const apps = fixture("targets");
const goldens = readdirSync(apps)
  .filter((app) => statSync(join(apps, app)).isDirectory())
  .sort(byCodePoint)
  .flatMap((app) =>
    readdirSync(join(apps, app, "expected", "terraform"))
      .filter((f) => f.endsWith(".auto.tfvars.json"))
      .sort(byCodePoint)
      .map((f) => ({ label: `${app}/${f}`, name: `${app}--${f.replace(/\.auto\.tfvars\.json$/, "")}`, file: join(apps, app, "expected", "terraform", f) })),
  );

const scratch = mkdtempSync(join(tmpdir(), "scorec-tfvars-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const unit = unitFixture("terraform");
const emitted = terraformTarget.emit(unit.workloads, unit.resources, { outputDir: "out", projectName: "demo", environment: "dev" }).artifacts.map((a) => {
  writeFileSync(join(scratch, a.path), a.content);
  return { label: `unit fixture ${a.path}`, name: `unit--${a.path.replace(/\.auto\.tfvars\.json$/, "")}`, file: join(scratch, a.path) };
});

/** Every string a template in the tfvars became: env values, expanded file contents, volume sources. */
function templated(containers: Record<string, any>): [string, string][] {
  const out: [string, string][] = [];
  for (const [cname, c] of Object.entries(containers).sort(([a], [b]) => byCodePoint(a, b))) {
    for (const [k, v] of Object.entries(c.env ?? {})) out.push([`${cname} env ${k}`, v as string]);
    for (const [k, f] of Object.entries<any>(c.files ?? {})) if (typeof f.content === "string" && !f.no_expand) out.push([`${cname} file ${k}`, f.content]);
    for (const [k, v] of Object.entries<any>(c.volumes ?? {})) out.push([`${cname} volume ${k}`, v.source]);
  }
  return out;
}

describe("tfvars files found", () => {
  it("every app has tfvars goldens", () => {
    expect(new Set(goldens.map((g) => g.label.split("/")[0]))).toEqual(new Set(readdirSync(apps).filter((d) => statSync(join(apps, d)).isDirectory())));
    expect(goldens.length).toBeGreaterThanOrEqual(9);
    expect(emitted.map((e) => e.label)).toEqual(["unit fixture frontend.auto.tfvars.json", "unit fixture web.auto.tfvars.json"]);
  });
});

describe.skipIf(!hasTerraform)("the real terraform on the example module", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await initExample();
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("init downloaded no provider; validate and fmt -check pass", async () => {
    expect(readdirSync(join(dir, ".terraform"))).toEqual(["modules"]);
    const validate = await terraform(dir, ["validate", "-json"]);
    expect(JSON.parse(validate.stdout), validate.stderr).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    const fmt = await terraform(dir, ["fmt", "-check", "-recursive"]);
    expect(fmt.stdout, "files terraform fmt would change").toBe("");
    expect(fmt.code).toBe(0);
  });

  it.concurrent.for([...goldens, ...emitted])("$label: plan creates the workload with every template rendered", async (g, { expect }) => {
    const plan = await terraform(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-detailed-exitcode", `-var-file=${g.file}`, `-out=${g.name}.tfplan`]);
    expect(plan.stderr, "terraform plan").not.toMatch(/Error/);
    expect(plan.code, plan.stdout).toBe(2); // 2: succeeded, with changes
    const show = await terraform(dir, ["show", "-json", `${g.name}.tfplan`]);
    expect(show.code, show.stderr).toBe(0);
    const json = JSON.parse(show.stdout);
    expect(json.errored).toBe(false);
    expect(json.resource_changes.map((r: any) => [r.address, r.change.actions])).toEqual([["terraform_data.workload", ["create"]]]);

    const vars = JSON.parse(readFileSync(g.file, "utf8"));
    const workload = json.resource_changes[0].change.after.input;
    expect(workload.name).toBe(vars.workload_name);
    expect(Object.keys(workload.containers).sort(byCodePoint)).toEqual(Object.keys(vars.containers).sort(byCodePoint));
    const before = new Map(templated(vars.containers));
    const after = templated(workload.containers);
    expect(after.map(([k]) => k)).toEqual([...before.keys()]);
    for (const [where, rendered] of after) {
      const source = before.get(where)!;
      // References resolved: nothing of ${module.…} / ${env.…} is left, unless the Score file wrote it
      // literally (escaped $${ in the tfvars, a plain ${ once rendered).
      if (!source.includes("$${")) expect(rendered, where).not.toContain("${");
      if (!source.includes("%%{")) expect(rendered, where).not.toContain("%{");
      if (!/\$\{|%\{/.test(source)) expect(rendered, where).toBe(source);
    }
  });
});
