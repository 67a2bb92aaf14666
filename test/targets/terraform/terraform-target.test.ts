import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { terraformTarget, tfVarsErrors, variablesTfPath } from "../../../targets/terraform/index.js";
import { checkTfValue, parseTfType } from "../../../targets/terraform/type-expr.js";
import { escapeTfTemplate, resourceKey } from "../../../targets/terraform/tfvars.js";
import { declaredTypes } from "../../../targets/terraform/variables.js";
import { fixture, PLAIN_SECRETS, shuffled } from "../fixtures/workloads.js";
import { corpus } from "../../helpers/paths.js";
import { realTool } from "../../helpers/real-tool.js";
import { initExample, terraform } from "./example-module.js";

const OPTIONS = { outputDir: "out", projectName: "demo", environment: "dev" };
const variablesTf = readFileSync(variablesTfPath(), "utf8");

function emitFixture() {
  const f = fixture("terraform");
  return terraformTarget.emit(f.workloads, f.resources, OPTIONS);
}
function varsOf(name: string): Record<string, any> {
  return JSON.parse(emitFixture().artifacts.find((a) => a.path === `${name}.auto.tfvars.json`)!.content as string);
}

describe("terraform variables.tf", () => {
  it("our reader agrees with @cdktf/hcl2json on every variable's type and default", async () => {
    const json = (await parseHcl("variables.tf", variablesTf)) as { variable: Record<string, { type: string; default?: unknown }[]> };
    const ours = declaredTypes(variablesTf);
    expect([...ours.keys()].sort()).toEqual(Object.keys(json.variable).sort());
    for (const [name, [v]] of Object.entries(json.variable)) {
      expect(ours.get(name)!.type, name).toEqual(parseTfType(v!.type));
      expect(ours.get(name)!.hasDefault, name).toBe(v!.default !== undefined);
    }
  });

  it("the example module carries an identical copy", () => {
    expect(readFileSync(join(variablesTfPath(), "..", "example", "variables.tf"), "utf8")).toBe(variablesTf);
  });
});

describe("terraform tfvars", () => {
  it("emits one tfvars file per workload with no findings", () => {
    const r = emitFixture();
    expect(r.artifacts.map((a) => a.path)).toEqual(["frontend.auto.tfvars.json", "web.auto.tfvars.json"]);
    expect(r.findings).toEqual([]);
  });

  it("every tfvars value checks against the types in variables.tf (parsed by hcl2json)", async () => {
    const json = (await parseHcl("variables.tf", variablesTf)) as { variable: Record<string, { type: string }[]> };
    for (const a of emitFixture().artifacts) {
      const vars = JSON.parse(a.content as string) as Record<string, unknown>;
      for (const [name, value] of Object.entries(vars)) {
        const decl = json.variable[name];
        expect(decl, `${a.path}: ${name} declared`).toBeDefined();
        expect(checkTfValue(parseTfType(decl![0]!.type), value, name), a.path).toEqual([]);
      }
      expect(tfVarsErrors(vars)).toEqual([]);
    }
  });

  it("reports a drift between the emitter and variables.tf as an error", () => {
    expect(tfVarsErrors({ workload_name: "w", containers: { c: { image: "i", env: { A: 1 } } }, bogus: 1 })).toEqual([
      'containers["c"].env["A"]: expected a string, got a number',
      "bogus: no such variable in variables.tf",
    ]);
  });

  it("carries resource outputs as Terraform references and escapes literal template syntax", () => {
    const app = varsOf("web").containers.app;
    expect(app.env.DB_URL).toBe("postgres://${module.postgres_web_db.username}:${module.postgres_web_db.password}@${module.postgres_web_db.host}:${module.postgres_web_db.port}/${module.postgres_web_db.name}");
    expect(app.env.BRACES).toBe("literal $${HOME} and %%{x}");
    expect(app.env.LITERAL).toBe("keep $(HOME) and $ as typed");
    expect(app.files["/my/file"]).toEqual({ content: "from file.txt\n", mode: "0600" });
    expect(app.files["/my/other/binaryfile"]).toEqual({ binary_content: "ADBgwpA=" });
    expect(app.volumes["/mnt/something"]).toEqual({ source: "${module.volume_web_data.source}", resource: "data", kind: "volume", path: "/sub/path", read_only: false });
    expect(Object.keys(varsOf("web").resources)).toEqual(["postgres_web_db", "redis_web_cache", "volume_web_data", "volume_web_state"]);
    for (const a of emitFixture().artifacts) for (const s of PLAIN_SECRETS) expect(a.content).not.toContain(s);
  });

  it("keys resources the way the provisioners name their modules", () => {
    expect(resourceKey("service-port", "frontend.ad")).toBe("service_port_frontend_ad");
    expect(escapeTfTemplate("${a} %{b} $ % {c}")).toBe("$${a} %%{b} $ % {c}");
    const provisioners = parseYaml(readFileSync(join(terraformTarget.defaultProvisionersDir, "zz-default.provisioners.yaml"), "utf8")) as { type: string; outputs?: string }[];
    const types = provisioners.map((p) => p.type).sort();
    expect(types).toEqual([
      "amqp", "dns", "elasticsearch", "environment", "kafka-topic", "mongodb", "mssql", "mysql", "postgres", "postgres-instance",
      "redis", "route", "s3", "service", "service-port", "volume",
    ]);
    for (const p of provisioners.filter((x) => !["route", "service", "service-port", "environment"].includes(x.type))) {
      expect(p.outputs).toContain('{{ $key := printf "%s_%s" .Type .Id | replace "." "_" | replace "-" "_" }}');
      expect(p.outputs).toMatch(/: "\$\{module\.\{\{ \$key \}\}\.\w+\}"/);
    }
  });

  it("is byte-identical whatever the input order", () => {
    const base = emitFixture().artifacts;
    for (let seed = 1; seed <= 5; seed++) {
      const g = fixture("terraform");
      const ws = shuffled(g.workloads, seed).map((w) => ({ ...w, containers: shuffled(w.containers, seed).map((c) => ({ ...c, files: shuffled(c.files, seed), volumes: shuffled(c.volumes, seed) })) }));
      expect(terraformTarget.emit(ws, shuffled(g.resources, seed), OPTIONS).artifacts).toEqual(base);
    }
  });
});

const hasTerraform = realTool("terraform", "terraform", ["version"]);

describe.skipIf(!hasTerraform)("the example module (terraform on PATH)", () => {
  // Planning every tfvars file is terraform-real.test.ts; this one reads a rendered value back.
  it("renders the templates of the emitted tfvars (terraform console)", async () => {
    const dir = await initExample();
    try {
      const web = emitFixture().artifacts.find((a) => a.path === "web.auto.tfvars.json")!;
      writeFileSync(join(dir, "web.tfvars.json"), web.content);
      const out = await terraform(dir, ["console", "-var-file=web.tfvars.json"], "nonsensitive(jsonencode(local.containers.app.env))\n");
      expect(out.code, out.stderr).toBe(0);
      const rendered = JSON.parse(JSON.parse(out.stdout.trim()));
      expect(rendered.DB_URL).toMatch(/^postgres:\/\/user:[0-9a-f]{64}@postgres-web-db:5432\/postgres_web_db$/);
      expect(rendered.BRACES).toBe("literal ${HOME} and %{x}");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("through the real pipeline", () => {
  it("compiles public Score examples to tfvars that match variables.tf and plan in the example module", async () => {
    const { generate } = await import("../../../src/api/generate.js");
    const ex = corpus("score-examples");
    const files = ["examples--resources_postgres_score.yaml", "examples--samples_onlineboutique_frontend_score.yaml"];
    const r = await generate(files.map((f) => ({ path: join(ex, f) })), { target: "terraform", outputDir: "out", root: ex });
    expect(r.artifacts?.map((a) => a.path).sort()).toEqual(["frontend.auto.tfvars.json", "my-workload.auto.tfvars.json"]);
    for (const a of r.artifacts ?? []) {
      const vars = JSON.parse(a.content as string);
      expect(tfVarsErrors(vars), a.path).toEqual([]);
      expect(JSON.stringify(vars)).not.toMatch(/"[A-Za-z0-9]{16}"/); // no generated password inlined
    }
    const pg = JSON.parse(r.artifacts!.find((a) => a.path === "my-workload.auto.tfvars.json")!.content as string);
    expect(pg.containers["my-container"].env.POSTGRES_PASSWORD).toBe("${module.postgres_my_workload_my_postgres.password}");
    if (!hasTerraform) return;
    const dir = await initExample();
    try {
      for (const a of r.artifacts ?? []) {
        // Not *.auto.tfvars.json: terraform would load every such file of the folder at once.
        writeFileSync(join(dir, "vars.json"), a.content);
        const plan = await terraform(dir, ["plan", "-input=false", "-lock=false", "-no-color", "-var-file=vars.json"]);
        expect(plan.code, `${a.path}: ${plan.stderr}`).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
