// Resource graph and provisioner matching: shared resources, params edges and cycles, first match wins,
// the environments selector, and positioned errors in provisioner files.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-prov-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const PROVISIONERS = file(
  "10-test.provisioners.yaml",
  `- uri: template://test/thing-prod
  type: thing
  environments: [prod]
  outputs: |
    name: prod-{{ .Id }}
- uri: template://test/thing
  type: thing
  outputs: |
    name: thing-{{ .Id }}
    size: {{ dig "size" 1 .Params }}
- uri: template://test/thing-special
  type: thing
  class: special
  outputs: |
    name: never-reached-first-match-wins
`,
);

const workload = (name: string, resources: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: busybox:1.36\n    variables:\n      NAME: \${resources.aa.name}\nresources:\n${resources}`;

async function run(texts: string[], extra: Record<string, unknown> = {}) {
  const inputs = texts.map((t, i) => ({ path: join(tmp, `w${i}.score.yaml`), contents: t }));
  return generate(inputs, { target: "compose", outputDir: "out", root: tmp, provisioners: [PROVISIONERS], ...extra });
}
const errors = (r: Awaited<ReturnType<typeof run>>) => r.diagnostics.filter((d) => d.severity === "error");

describe("provisioning", () => {
  it("matches the first provisioner whose type (and environment) fits", async () => {
    const dev = await run([workload("web", "  aa:\n    type: thing\n    class: special\n")]);
    expect(errors(dev)).toEqual([]);
    expect(String(dev.artifacts!.find((a) => a.path === "compose.yaml")!.content)).toContain("NAME: thing-web.aa");
    const prod = await run([workload("web", "  aa:\n    type: thing\n")], { environment: "prod" });
    expect(String(prod.artifacts!.find((a) => a.path === "compose.yaml")!.content)).toContain("NAME: prod-web.aa");
  });

  it("shares a resource declared with the same id, and refuses conflicting params", async () => {
    const shared = "  aa:\n    type: thing\n    id: shared-thing\n    params:\n      size: 2\n";
    const ok = await run([workload("one", shared), workload("two", shared)]);
    expect(errors(ok)).toEqual([]);
    expect([...ok.provision!.resources.keys()]).toEqual(["thing.default#shared-thing"]);
    expect(ok.provision!.resources.get("thing.default#shared-thing")!.workloads).toEqual(["one", "two"]);
    const bad = await run([workload("one", shared), workload("two", shared.replace("size: 2", "size: 3"))]);
    const e = errors(bad);
    expect(e).toHaveLength(1);
    expect(e[0]!.ruleId).toBe("score/shared-resource-conflict");
    expect(e[0]!.message).toMatch(/^shared resource thing.default#shared-thing has different params here than in .*w0.score.yaml:10 \(workload one, resource "aa"\)/);
  });

  it("provisions params dependencies first and substitutes their outputs", async () => {
    const r = await run([workload("web", "  aa:\n    type: thing\n    params:\n      size: ${resources.bb.size}\n  bb:\n    type: thing\n    params:\n      size: 7\n")]);
    expect(errors(r)).toEqual([]);
    expect(r.provision!.graph.order).toEqual(["thing.default#web.bb", "thing.default#web.aa"]);
    expect(r.provision!.resources.get("thing.default#web.aa")!.outputs.size).toBe(7);
  });

  it("reports a params cycle naming it", async () => {
    const r = await run([workload("web", "  aa:\n    type: thing\n    params:\n      x: ${resources.bb.name}\n  bb:\n    type: thing\n    params:\n      x: ${resources.aa.name}\n")]);
    const e = errors(r);
    expect(e.map((d) => d.message)).toEqual(["resource params form a cycle: thing.default#web.aa → thing.default#web.bb → thing.default#web.aa"]);
    expect(r.artifacts).toBeUndefined();
  });

  it("says which types exist when no provisioner matches", async () => {
    const r = await run([workload("web", "  aa:\n    type: nosuch\n")]);
    const e = errors(r).find((d) => d.ruleId === "provision/no-provisioner")!;
    expect(e.message).toMatch(/^no provisioner for resource "aa" \(nosuch.default#web.aa\) for target compose in environment "dev"; types provided: .*"thing"/);
    expect(e.range.start).toMatchObject({ line: 11, column: 11 });
  });

  it("names the missing output and the known ones, at the placeholder", async () => {
    const r = await run([workload("web", "  aa:\n    type: thing\n").replace("${resources.aa.name}", "x ${resources.aa.nmae}")]);
    const e = errors(r)[0]!;
    expect(e.message).toBe('resource "aa" (thing.default#web.aa) has no output "nmae" — did you mean "name"?; its outputs are "name" or "size"');
    expect(e.range.start).toMatchObject({ line: 8, column: 15 });
  });

  it("positions errors inside a bad provisioner file", async () => {
    const bad = file("20-bad.provisioners.yaml", "- uri: template://x\n  type: thing\n  outptus: |\n    a: 1\n");
    const r = await generate([{ path: join(tmp, "w.score.yaml"), contents: workload("web", "  aa:\n    type: thing\n") }], {
      target: "compose",
      outputDir: "out",
      root: tmp,
      provisioners: [bad],
    });
    const e = r.diagnostics.find((d) => d.file.endsWith("20-bad.provisioners.yaml"))!;
    expect(e.message).toBe('unknown property "outptus" in [0] — did you mean "outputs"?');
    expect(e.range.start).toMatchObject({ line: 3, column: 3 });
    expect(r.artifacts).toBeUndefined();
  });

  it("reports a template's fail message on the resource", async () => {
    const failing = file("05-fail.provisioners.yaml", '- uri: template://x/fail\n  type: thing\n  outputs: |\n    {{ fail "no thing for you" }}\n');
    const r = await generate([{ path: join(tmp, "w.score.yaml"), contents: workload("web", "  aa:\n    type: thing\n") }], {
      target: "compose",
      outputDir: "out",
      root: tmp,
      provisioners: [failing],
    });
    expect(errors(r)[0]!.message).toContain("no thing for you");
  });
});
