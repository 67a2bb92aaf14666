/**
 * Upstream Score provisioner files: every template field parses, and the
 * score-compose defaults execute phase by phase as score-compose runs them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { corpus } from "../helpers/paths.js";
import { createKeyedRandom, parseTemplate, TemplateError, type RandomSource } from "../../src/template/index.js";

const ROOT = corpus("score-provisioners");
const TEMPLATE_FIELDS = [
  "init", "state", "shared", "outputs", "directories", "files", "networks", "volumes", "services", "manifests", "info_logs",
];

interface Provisioner {
  uri: string;
  type: string;
  expected_outputs?: string[];
  [field: string]: unknown;
}

function load(rel: string): Provisioner[] {
  return parseYaml(readFileSync(join(ROOT, rel), "utf8")) as Provisioner[];
}

const FILES = [
  "score-compose/zz-default.provisioners.yaml",
  "score-k8s/zz-default.provisioners.yaml",
  ...readdirSync(join(ROOT, "community")).sort().map((f) => "community/" + f),
];

// score-k8s registers this function on top of sprig.
const k8sFuncs = { encodeSecretRef: (name: string, key: string) => `🔐💬${name}_${key}💬🔐` };

describe("every upstream template parses", () => {
  let total = 0;
  for (const rel of FILES) {
    it(rel, () => {
      for (const p of load(rel)) {
        for (const field of TEMPLATE_FIELDS) {
          const src = p[field];
          if (typeof src !== "string") continue;
          expect(() => parseTemplate(src, { name: `${p.uri}#${field}`, funcs: k8sFuncs })).not.toThrow();
          total++;
        }
      }
    });
  }
  it("covers all template fields (count)", () => {
    expect(total).toBe(192);
  });
});

type Obj = Record<string, unknown>;

/** util.PatchMap: deep merge where null deletes. */
function patchMap(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object" && !Array.isArray(out[k])) {
      out[k] = patchMap(out[k] as Obj, v as Obj);
    } else out[k] = v;
  }
  return out;
}

/** score-compose's renderTemplateAndDecode: trim, render, skip blank output, decode YAML. */
function render(src: unknown, data: Obj, random: RandomSource, name: string, funcs = {}): unknown {
  if (typeof src !== "string" || src.trim() === "") return undefined;
  const out = parseTemplate(src.trim(), { name, funcs }).execute(data, { random });
  if (out.trim() === "") return undefined;
  return parseYaml(out) as unknown;
}

interface Resource {
  type: string;
  id: string;
  params?: Obj;
  metadata?: Obj;
}

function provisionAll(provs: Provisioner[], resources: Resource[], seed: string, k8s = false): Obj {
  let shared: Obj = {};
  const results: Obj = {};
  for (const res of resources) {
    const p = provs.find((x) => x.type === res.type && x.uri.startsWith("template://"));
    if (!p) throw new Error(`no provisioner for ${res.type}`);
    const uid = `${res.type}.default#${res.id}`;
    const random = createKeyedRandom(seed, uid);
    const data: Obj = {
      Uid: uid, Type: res.type, Class: "default", Id: res.id,
      Params: res.params ?? {}, Metadata: res.metadata ?? {},
      State: {}, Shared: shared,
      SourceWorkload: "my-workload",
      WorkloadServices: {
        "my-workload": { ServiceName: "my-workload", Ports: { web: { Name: "web", Port: 80, TargetPort: 8080, Protocol: "TCP" } } },
      },
      ComposeProjectName: "proj", MountsDirectory: "/tmp/mounts",
      Namespace: "default", Guid: "00000000-0000-4000-8000-000000000001",
    };
    const funcs = k8s ? k8sFuncs : {};
    const r = (field: string): unknown => render(p[field], data, random, `${p.uri}#${field}`, funcs);
    data.Init = r("init") ?? {};
    data.State = r("state") ?? {};
    const sharedOut = (r("shared") ?? {}) as Obj;
    shared = patchMap(shared, sharedOut);
    data.Shared = shared;
    const out: Obj = { state: data.State, outputs: r("outputs") ?? {} };
    for (const f of ["directories", "files", "networks", "volumes", "services", "manifests", "info_logs"]) {
      const v = r(f);
      if (v !== undefined) out[f] = v;
    }
    for (const k of p.expected_outputs ?? []) {
      if (!(k in (out.outputs as Obj))) throw new Error(`${p.uri}: missing output ${k}`);
    }
    results[uid] = out;
  }
  results.shared = shared;
  return results;
}

const COMPOSE_RESOURCES: Resource[] = [
  { type: "volume", id: "my.vol" },
  { type: "service-port", id: "sp", params: { workload: "my-workload", port: "web" } },
  { type: "redis", id: "cache" },
  { type: "postgres", id: "db1" },
  { type: "postgres", id: "db2", metadata: { annotations: { "compose.score.dev/publish-port": "5433" } } },
  { type: "postgres-instance", id: "pgi" },
  { type: "s3", id: "bucket" },
  { type: "amqp", id: "queue" },
  { type: "dns", id: "dns" },
  { type: "route", id: "route1", params: { host: "example.localhost", path: "/api", port: "web" } },
  { type: "route", id: "route2", params: { host: "example.localhost", path: "/", port: "web" } },
  { type: "mongodb", id: "mongo" },
  { type: "mysql", id: "mysql" },
  { type: "kafka-topic", id: "topic" },
  { type: "elasticsearch", id: "es" },
  { type: "mssql", id: "mssql" },
];

describe("score-compose default provisioners execute", () => {
  const provs = load("score-compose/zz-default.provisioners.yaml");
  const a = provisionAll(provs, COMPOSE_RESOURCES, "seed-1");

  it("produces the expected outputs", () => {
    const vol = a["volume.default#my.vol"] as Obj;
    expect((vol.outputs as Obj).source).toMatch(/^my-vol-[A-Za-z0-9]{6}$/);
    expect(Object.keys(vol.volumes as Obj)).toEqual([(vol.outputs as Obj).source]);
    expect((a["service-port.default#sp"] as Obj).outputs).toEqual({ hostname: "my-workload", port: 8080 });
    const redis = a["redis.default#cache"] as Obj;
    expect((redis.outputs as Obj).port).toBe(6379);
    expect(String((redis.outputs as Obj).password)).toMatch(/^[A-Za-z0-9]{16}$/);
    const files = redis.files as Obj;
    expect(Object.values(files)[0]).toContain("requirepass " + (redis.outputs as Obj).password);
  });

  it("shares instance state between resources of one type", () => {
    const p1 = (a["postgres.default#db1"] as Obj).outputs as Obj;
    const p2 = (a["postgres.default#db2"] as Obj).outputs as Obj;
    expect(p1.host).toBe(p2.host);
    expect(p1.database).not.toBe(p2.database);
    expect(String(p1.host)).toMatch(/^pg-[A-Za-z0-9]{6}$/);
  });

  it("renders the route nginx config across both routes", () => {
    const r2 = a["route.default#route2"] as Obj;
    const conf = Object.values(r2.files as Obj)[0] as string;
    expect(conf).toContain("server_name example.localhost;");
    expect(conf).toContain("location ~ ^/api$ {");
    expect(conf).toContain("location ~ ^/$ {");
    expect(conf).toContain("set $backend my-workload:8080;");
  });

  it("is byte-identical for the same seed and differs for another", () => {
    const again = provisionAll(provs, COMPOSE_RESOURCES, "seed-1");
    expect(JSON.stringify(again)).toBe(JSON.stringify(a));
    const other = provisionAll(provs, COMPOSE_RESOURCES, "seed-2");
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
  });

  it("surfaces fail messages from provisioners", () => {
    try {
      provisionAll(provs, [{ type: "service-port", id: "bad", params: {} }], "s");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).failMessage).toBe("expected 'workload' param for the target workload name");
    }
    expect(() => provisionAll(provs, [{ type: "route", id: "r", params: { host: "x", path: "a", port: "web" } }], "s")).toThrow(
      /params.path start with a \/ but cannot end with \//,
    );
  });
});

describe("score-k8s default provisioners execute", () => {
  const provs = load("score-k8s/zz-default.provisioners.yaml");
  const types = [...new Set(provs.filter((p) => p.uri.startsWith("template://")).map((p) => p.type))];
  const params: Record<string, Obj> = {
    "service-port": { workload: "my-workload", port: "web" },
    route: { host: "example.com", path: "/", port: "web" },
  };
  for (const type of types) {
    it(type, () => {
      const res = provisionAll(provs, [{ type, id: "x", params: params[type] ?? {} }], "seed", true);
      expect(Object.keys(res)).toContain(`${type}.default#x`);
    });
  }
});

describe("community template provisioners execute", () => {
  const files = readdirSync(join(ROOT, "community")).sort();
  for (const f of files) {
    const provs = load("community/" + f).filter((p) => p.uri.startsWith("template://"));
    if (provs.length === 0) continue;
    it(f, () => {
      for (const p of provs) {
        const params = { host: "h.example", path: "/", port: "web", openapi_file: "specs/api.yaml" };
        // Id "my-workload" names an existing workload, as the service provisioners require.
        const res = provisionAll([p], [{ type: p.type, id: "my-workload", params }], "seed", true);
        const out = res[`${p.type}.default#my-workload`] as Obj;
        for (const k of p.expected_outputs ?? []) expect(out.outputs as Obj).toHaveProperty(k);
      }
    });
  }
});
