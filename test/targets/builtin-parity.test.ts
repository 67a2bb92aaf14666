// Issue 12, item 4: every resource type any target provides by default is provided by all three, no demo
// provisioner is built in, the README table lists the built-in types per target, and the aks-store-demo
// makeline workload (mongodb + amqp) compiles to every target.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate } from "../../src/api/generate.js";
import { loadTarget, TARGET_NAMES } from "../../src/emit/targets.js";
import { REPO, fixture } from "../helpers/paths.js";

async function builtInTypes(target: string): Promise<{ types: Set<string>; uris: string[] }> {
  const dir = (await loadTarget(target))!.defaultProvisionersDir;
  const specs = readdirSync(dir).filter((f) => f.endsWith(".provisioners.yaml")).flatMap((f) => parse(readFileSync(join(dir, f), "utf8")) as { type: string; uri: string }[]);
  return { types: new Set(specs.map((s) => s.type)), uris: specs.map((s) => s.uri) };
}

/** A Score file declaring one resource of `type`, with the params its built-in provisioners need. */
function scoreFor(type: string): string {
  const params: Record<string, string> = {
    "service-port": "\n    params:\n      workload: backend\n      port: web",
    route: "\n    params:\n      host: example.com\n      path: /\n      port: 8080",
  };
  return `apiVersion: score.dev/v1b1
metadata:
  name: app
containers:
  main:
    image: nginx:1.27
service:
  ports:
    web:
      port: 8080
resources:
  res:
    type: ${type}${params[type] ?? ""}
`;
}
const backend = "apiVersion: score.dev/v1b1\nmetadata:\n  name: backend\ncontainers:\n  main:\n    image: nginx:1.27\nservice:\n  ports:\n    web:\n      port: 8080\n";

describe("built-in provisioner parity", async () => {
  const all = new Map<string, Awaited<ReturnType<typeof builtInTypes>>>();
  for (const t of TARGET_NAMES) all.set(t, await builtInTypes(t));
  const union = [...new Set([...all.values()].flatMap((x) => [...x.types]))].sort();

  it("every target provides the same types", () => {
    for (const [t, x] of all) expect([...x.types].sort(), t).toEqual(union);
  });
  it("no demo provisioner is built in", () => {
    for (const [, x] of all) {
      expect(x.types.has("example-provisioner-resource")).toBe(false);
      expect(x.uris.some((u) => u.startsWith("cmd://"))).toBe(false);
    }
  });
  it("the README lists the built-in types per target", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("### Built-in resource types"));
    for (const type of union) expect(table, type).toMatch(new RegExp(`\\n\\| \`${type}\` \\| ✓ \\| ✓ \\| ✓ \\|`));
  });
  for (const target of TARGET_NAMES) {
    it.each(union)(`%s compiles on ${target}`, async (type) => {
      const r = await generate([{ path: "app.score.yaml", contents: scoreFor(type) }, { path: "backend.score.yaml", contents: backend }], { target, outputDir: "out", root: REPO });
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
      expect(r.artifacts?.length).toBeGreaterThan(0);
    });
  }
});

describe("aks-store-demo makeline-service", () => {
  it.each(TARGET_NAMES)("compiles to %s", async (target) => {
    const path = fixture("targets", "makeline", "score.yaml");
    const r = await generate([{ path }], { target, outputDir: "out", root: REPO });
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    expect(r.provision!.resources.get("mongodb.default#makeline-service.db")).toBeDefined();
    expect(r.artifacts!.length).toBeGreaterThan(0);
  });
});
