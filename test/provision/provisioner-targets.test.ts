// Issue 12, item 3: a provisioner rendering a fragment the target cannot use is an error naming the
// provisioner and the field; `targets: [...]` (scorec extension) limits a provisioner to the targets it serves.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";
import { REPO } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-prov-targets-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const score = join(tmp, "score.yaml");
writeFileSync(score, "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx:1.27\n    variables:\n      HOST: ${resources.cache.host}\nresources:\n  cache:\n    type: redis\n");

const composeOnly = (targets: string) => `- uri: template://platform/redis-compose
  type: redis
${targets}  outputs: |
    host: redis-{{ .Id }}
  services: |
    redis-{{ .Id }}:
      image: redis:7
`;

async function run(target: string, provisionerText: string) {
  const file = join(tmp, `${target}-${provisionerText.length}.provisioners.yaml`);
  writeFileSync(file, provisionerText);
  return generate([{ path: score }], { target, outputDir: "out", root: REPO, provisioners: [file] });
}

describe("provisioner targets", () => {
  it.each(["helm", "terraform"])("a Compose-only provisioner used for %s is an error naming the provisioner and field", async (target) => {
    const r = await run(target, composeOnly(""));
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.ruleId).toBe("provision/failed");
    expect(errors[0]!.pointer).toBe("/resources/cache/type");
    expect(errors[0]!.message).toContain("provisioner template://platform/redis-compose");
    expect(errors[0]!.message).toContain(`it renders \`services\`, which target ${target} cannot use`);
    expect(r.artifacts).toBeUndefined();
  });
  it("the same provisioner is fine for compose", async () => {
    const r = await run("compose", composeOnly(""));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(String(r.artifacts!.find((a) => a.path === "compose.yaml")!.content)).toContain("redis-web.cache:");
  });
  it("`targets: [compose]` keeps it off helm: the helm built-in provides redis instead", async () => {
    const r = await run("helm", composeOnly("  targets: [compose]\n"));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.provision!.resources.get("redis.default#web.cache")!.provisioner.uri).toBe("template://default-provisioners/redis");
  });
  it("`targets` is validated by the provisioner schema", async () => {
    const r = await run("compose", composeOnly("  targets: compose\n"));
    expect(r.diagnostics.some((d) => d.severity === "error" && /targets/.test(d.message + (d.pointer ?? "")))).toBe(true);
  });
  it("`provisioners list` shows a provisioner only for the targets it serves", () => {
    const file = join(tmp, "listed.provisioners.yaml");
    writeFileSync(file, composeOnly("  targets: [compose]\n"));
    const list = (target: string) => JSON.parse(runCli(["provisioners", "list", "-t", target, "--provisioners", file, "--format", "json"]).stdout).provisioners;
    expect(list("compose")[0]).toMatchObject({ uri: "template://platform/redis-compose", targets: ["compose"] });
    expect(list("helm").some((p: { uri: string }) => p.uri === "template://platform/redis-compose")).toBe(false);
  });
});
