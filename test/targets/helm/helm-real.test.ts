// The real helm (v4, test/helpers/helm-binary.ts) over every Helm values file the code produces: the golden
// values of fixtures/targets/*/expected/helm, the values the unit fixture emits (web: StatefulSet, sidecar,
// claims, files; frontend). For each: `helm lint --strict` (which also checks
// values.schema.json), `helm template`, every rendered manifest against the Kubernetes OpenAPI schemas
// (kubernetes-models), and the manifests equal to what our own Go-template engine renders (render-chart.ts).
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { parse, parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { chartDir, helmTarget } from "../../../targets/helm/index.js";
import { byCodePoint } from "../../../src/diagnostics/diagnostic.js";
import { helmBinary } from "../../helpers/helm-binary.js";
import { k8sSchemaErrors } from "../../helpers/k8s-schema.js";
import { fixture as fixtureDir } from "../../helpers/paths.js";
import { realTool } from "../../helpers/real-tool.js";
import { fixture } from "../fixtures/workloads.js";
import { renderChart } from "./render-chart.js";

const run = promisify(execFile);
const helm = helmBinary();
const hasHelm = realTool("helm", helm, ["version", "--short"]);

// helm reads and writes its config, cache and data homes: keep them in a temporary folder, not in $HOME.
const home = mkdtempSync(join(tmpdir(), "scorec-helm-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { ...process.env, HELM_CONFIG_HOME: join(home, "config"), HELM_CACHE_HOME: join(home, "cache"), HELM_DATA_HOME: join(home, "data") };

interface Case {
  label: string;
  release: string;
  file: string;
}

const apps = fixtureDir("targets");
const goldens: Case[] = readdirSync(apps)
  .filter((app) => statSync(join(apps, app)).isDirectory())
  .sort(byCodePoint)
  .flatMap((app) =>
    readdirSync(join(apps, app, "expected", "helm"))
      .filter((f) => f.endsWith(".values.yaml"))
      .sort(byCodePoint)
      .map((f) => ({ label: `${app}/${f}`, release: basename(f, ".values.yaml"), file: join(apps, app, "expected", "helm", f) })),
  );

const unit = fixture("helm");
const emitted: Case[] = helmTarget.emit(unit.workloads, unit.resources, { outputDir: "out", projectName: "p", environment: "dev" }).artifacts.map((a) => {
  const file = join(home, a.path);
  writeFileSync(file, a.content);
  return { label: `unit fixture ${a.path}`, release: basename(a.path, ".values.yaml"), file };
});

const cases: Case[] = [...goldens, ...emitted];
const byKindAndName = (a: any, b: any) => byCodePoint(`${a.kind}/${a.metadata?.name}`, `${b.kind}/${b.metadata?.name}`);

describe("Helm values files found", () => {
  it("every app has Helm goldens, and the unit fixture emits web and frontend", () => {
    expect(new Set(goldens.map((c) => c.label.split("/")[0]))).toEqual(new Set(readdirSync(apps).filter((d) => statSync(join(apps, d)).isDirectory())));
    expect(goldens.length).toBeGreaterThanOrEqual(9);
    expect(emitted.map((c) => c.release)).toEqual(["frontend", "web"]);
  });
});

describe("the Kubernetes schema check", () => {
  it("rejects a wrongly typed or incomplete manifest and a kind it has no schema for", async () => {
    const pod = { containers: [{ name: "app", image: "nginx", ports: [{ containerPort: "80" }] }] };
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { selector: {}, template: { spec: pod } } };
    expect(await k8sSchemaErrors(deployment)).toEqual([expect.stringContaining("containerPort must be integer")]);
    expect(await k8sSchemaErrors({ apiVersion: "v1", kind: "Service", spec: { ports: [{}] } })).toEqual([expect.stringContaining("ports/0 must have required property port")]);
    expect(await k8sSchemaErrors({ apiVersion: "example.com/v1", kind: "Widget" })).toEqual(["no schema for example.com/v1 Widget"]);
    expect(await k8sSchemaErrors({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", spec: { rules: [{ backendRefs: [{ port: 80 }] }] } })).toEqual([expect.stringContaining("backendRefs/0 must have required property 'name'")]);
  });
});

describe.skipIf(!hasHelm)("the real helm on the shipped chart", () => {
  it.each(cases)("$label: lint --strict, template, Kubernetes schemas, same as our renderer", async (c) => {
    const [lint, template] = await Promise.all([
      run(helm, ["lint", "--strict", chartDir(), "-f", c.file], { env }).catch((e) => ({ stdout: `${e.stdout}${e.stderr}`, failed: true })),
      run(helm, ["template", c.release, chartDir(), "--namespace", "default", "-f", c.file], { env, maxBuffer: 16 << 20 }),
    ]);
    expect("failed" in lint ? lint.stdout : "", "helm lint").toBe("");
    expect(lint.stdout).toContain("1 chart(s) linted, 0 chart(s) failed");

    const docs = parseAllDocuments(template.stdout);
    for (const d of docs) expect(d.errors, "helm template output parses").toEqual([]);
    const manifests = docs.map((d) => d.toJS()).filter((m) => m !== null && m !== undefined) as any[];
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) expect(await k8sSchemaErrors(m), `${m.kind} ${m.metadata?.name}`).toEqual([]);

    const ours = Object.values(renderChart(parse(readFileSync(c.file, "utf8")), c.release)).flat();
    expect([...ours].sort(byKindAndName)).toEqual([...manifests].sort(byKindAndName));
  });
});

describe.skipIf(!hasHelm)("the real helm on the chart's defaults (no containers)", () => {
  it("lint passes; template stops with a message that says which values to pass", async () => {
    const lint = await run(helm, ["lint", "--strict", chartDir()], { env });
    expect(lint.stdout).toContain("1 chart(s) linted, 0 chart(s) failed");
    const err = await run(helm, ["template", "rel", chartDir()], { env }).then(() => undefined, (e) => String(e.stderr));
    expect(err).toContain("no container left to run as the pod's main container");
    expect(err).toContain("-f out/<workload>.values.yaml");
  });
});
