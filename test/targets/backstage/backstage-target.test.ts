// The Backstage target: catalog-info.yaml entities accepted by Backstage's own catalog model, one Resource
// per (shared) resource, dependsOn edges, ownership from annotations, and the same bytes on every run.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Entity } from "@backstage/catalog-model";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { generate } from "../../../src/api/generate.js";
import type { SourceInput } from "../../../src/pipeline/processor.js";
import { entityName, isEntityName, uniqueNames } from "../../../targets/backstage/entity-names.js";
import { fixture, REPO } from "../../helpers/paths.js";
import { backstageError } from "./catalog-validate.js";

function scoreFiles(dir: string): SourceInput[] {
  return readdirSync(dir)
    .filter((f) => /^score.*\.ya?ml$/.test(f))
    .map((f) => ({ path: join(dir, f) }));
}

async function catalog(sources: SourceInput[], provisioners: string[] = []) {
  const r = await generate(sources, { target: "backstage", outputDir: "out", root: REPO, provisioners });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  const text = r.artifacts?.find((a) => a.path === "catalog-info.yaml")?.content as string | undefined;
  const entities = text ? (parseAllDocuments(text).map((d) => d.toJS()) as Entity[]) : [];
  return { r, errors, text, entities };
}

const inline = (name: string, body: string): SourceInput => ({ path: `${name}.score.yaml`, contents: `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\n${body}` });

const CONTAINER = "containers:\n  main:\n    image: nginx:1.27\n";

describe("backstage target", () => {
  const dirs = readdirSync(fixture("compose"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => d.name);

  it.each(dirs)("compose example %s: every entity passes @backstage/catalog-model's validators", async (name) => {
    const { errors, entities } = await catalog(scoreFiles(fixture("compose", name)));
    expect(errors.map((d) => d.message)).toEqual([]);
    expect(entities.filter((e) => e.kind === "Component").length).toBeGreaterThan(0);
    for (const e of entities) expect(await backstageError(e), `${e.kind} ${e.metadata.name}`).toBeUndefined();
    // Every dependsOn points at an entity of this catalog.
    const refs = new Set(entities.map((e) => `${e.kind.toLowerCase()}:default/${e.metadata.name}`));
    for (const e of entities) for (const d of (e.spec?.dependsOn as string[] | undefined) ?? []) expect(refs.has(d), d).toBe(true);
  });

  it("onlineboutique (with the platform's provisioners): a Component per workload, all valid", async () => {
    const dir = fixture("targets", "onlineboutique");
    const { errors, entities } = await catalog(scoreFiles(dir), [join(dir, "external-services.provisioners.yaml")]);
    expect(errors).toEqual([]);
    expect(entities.filter((e) => e.kind === "Component").map((e) => e.metadata.name)).toEqual(["ad", "cart", "checkout", "currency", "email", "frontend"]);
    for (const e of entities) expect(await backstageError(e), `${e.kind} ${e.metadata.name}`).toBeUndefined();
  });

  it("a shared resource is one Resource that both Components depend on; param references are edges", async () => {
    const res = `resources:\n  db:\n    type: postgres\n    id: shared-db\n  cache:\n    type: redis\n    params:\n      note: \${resources.db.host}\n`;
    const { errors, entities } = await catalog([inline("api", CONTAINER + res), inline("jobs", CONTAINER + "resources:\n  db:\n    type: postgres\n    id: shared-db\n")]);
    expect(errors).toEqual([]);
    const resources = entities.filter((e) => e.kind === "Resource");
    expect(resources.map((e) => e.metadata.name)).toEqual(["shared-db", "api.cache"]);
    expect(entities.find((e) => e.metadata.name === "api")!.spec!.dependsOn).toEqual(["resource:default/api.cache", "resource:default/shared-db"]);
    expect(entities.find((e) => e.metadata.name === "jobs")!.spec!.dependsOn).toEqual(["resource:default/shared-db"]);
    expect(resources[1]!.spec!.dependsOn).toEqual(["resource:default/shared-db"]);
    expect(resources[0]!.metadata.annotations).toEqual({ "score.dev/provisioner": "template://default-provisioners/postgres", "score.dev/resource-uid": "postgres.default#shared-db" });
    for (const e of entities) expect(await backstageError(e)).toBeUndefined();
  });

  it("owner, system, lifecycle, type and description come from annotations; other backstage.io/ annotations pass through", async () => {
    const meta = `  annotations:\n    backstage.io/owner: group:default/payments\n    backstage.io/system: checkout\n    backstage.io/lifecycle: production\n    backstage.io/component-type: website\n    backstage.io/description: The shop\n    backstage.io/techdocs-ref: dir:.\n    example.com/other: dropped\n`;
    const { errors, entities } = await catalog([inline("shop", meta + CONTAINER + "resources:\n  db:\n    type: postgres\n")]);
    expect(errors).toEqual([]);
    const [component, resource] = entities;
    expect(component).toEqual({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "shop", description: "The shop", annotations: { "backstage.io/techdocs-ref": "dir:." } },
      spec: { type: "website", lifecycle: "production", owner: "group:default/payments", system: "checkout", dependsOn: ["resource:default/shop.db"] },
    });
    expect(resource!.spec).toEqual({ type: "postgres", owner: "group:default/payments", system: "checkout" });
    for (const e of entities) expect(await backstageError(e)).toBeUndefined();
  });

  it("documented defaults: type service, lifecycle experimental, owner unknown, no system", async () => {
    const { entities } = await catalog([inline("plain", CONTAINER)]);
    expect(entities).toEqual([{ apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "plain" }, spec: { type: "service", lifecycle: "experimental", owner: "unknown" } }]);
  });

  it("an owner that is no entity reference is a positioned error and nothing is written", async () => {
    const { r, errors, text } = await catalog([inline("bad", `  annotations:\n    backstage.io/owner: "team a!"\n` + CONTAINER)]);
    expect(text).toBeUndefined();
    expect(r.artifacts).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ruleId: "backstage/invalid-entity-ref", pointer: "/metadata/annotations/backstage.io~1owner", range: { start: { line: 5, column: 25 } } });
  });

  it("same bytes whatever the input order", async () => {
    const files = scoreFiles(fixture("compose", "06-resource-provisioning"));
    const a = await catalog(files);
    const b = await catalog([...files].reverse());
    expect(a.text).toBeDefined();
    expect(b.text).toBe(a.text);
  });
});

describe("the validators used above", () => {
  it("reject what Backstage rejects (so a pass means something)", async () => {
    const ok = { apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "web" }, spec: { type: "service", lifecycle: "experimental", owner: "unknown" } };
    expect(await backstageError(ok)).toBeUndefined();
    expect(await backstageError({ ...ok, metadata: { name: "web app" } })).toMatch(/name/);
    expect(await backstageError({ ...ok, spec: { type: "service", owner: "unknown" } })).toBeDefined();
    expect(await backstageError({ ...ok, spec: { ...ok.spec, dependsOn: "resource:x" } })).toBeDefined();
  });
});

describe("backstage entity names", () => {
  it("keeps valid names and folds others into valid, stable ones", () => {
    expect(entityName("web.db")).toBe("web.db");
    const folded = entityName("a..b#c", "k");
    expect(isEntityName(folded)).toBe(true);
    expect(entityName("a..b#c", "k")).toBe(folded);
    expect(isEntityName(entityName("x".repeat(80)))).toBe(true);
    expect(isEntityName(entityName("--"))).toBe(true);
  });

  it("colliding names get distinct digests", () => {
    const m = uniqueNames([
      { key: "postgres.default#db", preferred: "db" },
      { key: "redis.default#db", preferred: "db" },
      { key: "s3.default#files", preferred: "files" },
    ]);
    expect(m.get("s3.default#files")).toBe("files");
    expect(m.get("postgres.default#db")).not.toBe(m.get("redis.default#db"));
    for (const n of m.values()) expect(isEntityName(n)).toBe(true);
  });
});
