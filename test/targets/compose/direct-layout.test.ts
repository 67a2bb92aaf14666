// compose.yaml is written service by service (targets/compose/index.ts) unless patch templates need the
// whole project: a patch template that changes nothing takes the whole-project path, so both must agree
// byte for byte, including the document's last block scalar and service names two workloads share.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../../src/api/generate.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-direct-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(join(tmp, "noop.tpl"), "# no patches\n");

const workload = (name: string, container: string, extra = ""): string =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\n  annotations:\n    zz: "last\\n\\n"\ncontainers:\n  ${container}:\n    image: busybox\n    variables:\n      X: "a\\n\\nb"\n${extra}`;

async function composeYaml(files: Record<string, string>, patched: boolean): Promise<string> {
  const r = await generate(
    Object.entries(files).map(([path, contents]) => ({ path, contents })),
    { target: "compose", outputDir: "out", root: tmp, projectName: "p", ...(patched ? { patchTemplates: ["noop.tpl"] } : {}) },
  );
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return r.artifacts!.find((a) => a.path === "compose.yaml")!.content as string;
}

describe("compose.yaml written service by service", () => {
  it.each([
    ["workload services only, a final block scalar", { "a.score.yaml": workload("zeta", "main"), "b.score.yaml": workload("alpha", "web") }],
    [
      "resource services and volumes after the services",
      { "a.score.yaml": workload("app", "main", "resources:\n  cache:\n    type: redis\n  data:\n    type: volume\n") },
    ],
    ["two workloads making the same service name", { "a.score.yaml": workload("ab-cd", "ef"), "b.score.yaml": workload("ab", "cd-ef") }],
  ])("%s: the same bytes as the whole-project layout", async (_, files) => {
    const direct = await composeYaml(files, false);
    expect(direct).toBe(await composeYaml(files, true));
  });

  it("keeps a block scalar inside the document and quotes the one that ends it", async () => {
    const direct = await composeYaml({ "a.score.yaml": workload("zeta", "main"), "b.score.yaml": workload("alpha", "web") }, false);
    expect(direct).toContain("zz: |+\n");
    expect(direct.endsWith('zz: "last\\n\\n"\n')).toBe(true);
  });
});
