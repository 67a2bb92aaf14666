import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chartDir, helmTarget } from "../../../targets/helm/index.js";
import type { EnvEntry } from "../../../targets/helm/env.js";
import { fixture, PLAIN_SECRETS, shuffled } from "../fixtures/workloads.js";
import { schemaAt, valuesPaths } from "./template-paths.js";

const OPTIONS = { outputDir: "out", projectName: "demo", environment: "dev" };
const schema = JSON.parse(readFileSync(join(chartDir(), "values.schema.json"), "utf8"));
const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

function emitFixture() {
  const f = fixture("helm");
  return helmTarget.emit(f.workloads, f.resources, OPTIONS);
}

function valuesOf(name: string): Record<string, any> {
  const a = emitFixture().artifacts.find((x) => x.path === `${name}.values.yaml`);
  expect(a, `${name}.values.yaml`).toBeDefined();
  return parse(a!.content as string);
}

describe("helm values", () => {
  it("emits one values file per workload, in code-point order", () => {
    expect(emitFixture().artifacts.map((a) => a.path)).toEqual(["frontend.values.yaml", "web.values.yaml"]);
  });

  it("every emitted values file validates against values.schema.json", () => {
    for (const a of emitFixture().artifacts) {
      const ok = validate(parse(a.content as string));
      expect(ok ? [] : validate.errors!.map((e) => `${a.path}${e.instancePath} ${e.message}`)).toEqual([]);
    }
  });

  it("the chart's own values.yaml validates too (helm lint without -f)", () => {
    const ok = validate(parse(readFileSync(join(chartDir(), "values.yaml"), "utf8")));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it("rejects values the chart does not know (strict schema)", () => {
    const v = valuesOf("web");
    v.containers.app.imagePullPolicy = "Always";
    expect(validate(v)).toBe(false);
  });

  it("is byte-identical whatever the input order", () => {
    const f = fixture("helm");
    const base = helmTarget.emit(f.workloads, f.resources, OPTIONS).artifacts;
    for (let seed = 1; seed <= 5; seed++) {
      const g = fixture("helm");
      const ws = shuffled(g.workloads, seed).map((w) => ({
        ...w,
        containers: shuffled(w.containers, seed).map((c) => ({ ...c, files: shuffled(c.files, seed + 1), volumes: shuffled(c.volumes, seed + 2) })),
      }));
      const again = helmTarget.emit(ws, shuffled(g.resources, seed), OPTIONS).artifacts;
      expect(again).toEqual(base);
    }
    for (const a of base) {
      const text = a.content as string;
      expect(text.endsWith("\n") && !text.endsWith("\n\n")).toBe(true);
      expect(text.includes("\r")).toBe(false);
    }
  });

  it("never puts a secret in a plain env value", () => {
    for (const a of emitFixture().artifacts) {
      const v = parse(a.content as string);
      for (const c of Object.values<any>(v.containers)) {
        for (const e of (c.env ?? []) as EnvEntry[]) {
          if (!("value" in e)) continue;
          for (const s of PLAIN_SECRETS) expect(e.value).not.toContain(s);
          expect(e.value).not.toContain("🔐");
        }
        for (const f of c.files ?? []) if (f.content) for (const s of PLAIN_SECRETS) expect(f.content).not.toContain(s);
      }
    }
  });

  it("turns a score-k8s secret reference into secretKeyRef, and embeds secrets with $(VAR)", () => {
    const env: EnvEntry[] = valuesOf("web").containers.app.env;
    const byName = new Map(env.map((e) => [e.name, e]));
    expect(byName.get("DB_PASSWORD")).toEqual({ name: "DB_PASSWORD", secretKeyRef: { name: "pg-web-a1b2c3d4", key: "password" } });
    const url = byName.get("DB_URL") as { value: string };
    const helper = url.value.match(/\$\((SCOREC_REF_\w+)\)/)![1]!;
    expect(url.value).toBe(`postgres://user-abc:$(${helper})@pg-web-a1b2c3d4:5432/db-abc`);
    expect(byName.get(helper)).toEqual({ name: helper, secretKeyRef: { name: "pg-web-a1b2c3d4", key: "password" } });
    // Dependent variables must be defined before use.
    expect(env.findIndex((e) => e.name === helper)).toBeLessThan(env.findIndex((e) => e.name === "DB_URL"));
  });

  it("puts plain secret outputs in the chart's Secret and refers to them by key", () => {
    const v = valuesOf("web");
    expect(v.secrets["cache-password"]).toBe("plain-redis-pass-123");
    const env: EnvEntry[] = v.containers.app.env;
    const cache = env.find((e) => e.name === "CACHE_URL") as { value: string };
    expect(cache.value).toMatch(/^redis:\/\/:\$\(SCOREC_REF_\w+\)@redis-web:6379$/);
    const file = v.containers.app.files.find((f: any) => f.mountPath === "/etc/cache.conf");
    expect(file).toEqual({ mountPath: "/etc/cache.conf", key: "app.0.cache.conf", secret: true });
    expect(v.secrets["app.0.cache.conf"]).toBe("password plain-redis-pass-123\n");
  });

  it("escapes literal $( and $$ so the kubelet leaves them alone", () => {
    const env: EnvEntry[] = valuesOf("web").containers.app.env;
    expect(env.find((e) => e.name === "LITERAL")).toEqual({ name: "LITERAL", value: "keep $$(HOME) and $ as typed" });
  });

  it("maps files, modes, volumes, probes, resources and before", () => {
    const v = valuesOf("web");
    const app = v.containers.app;
    expect(app.files.find((f: any) => f.mountPath === "/my/file")).toMatchObject({ mode: 0o600, content: "from file.txt\n" });
    expect(app.files.find((f: any) => f.mountPath === "/my/other/binaryfile")).toMatchObject({ binaryContent: "ADBgwpA=" });
    expect(app.volumeMounts).toEqual([
      { name: "vol-data", mountPath: "/mnt/something", subPath: "sub/path" },
      { name: "vol-state", mountPath: "/mnt/state" },
    ]);
    expect(v.volumes["vol-data"]).toEqual({ source: { emptyDir: {} } });
    expect(v.volumes["vol-state"].claim.perReplica).toBe(true);
    expect(v.workload.kind).toBe("StatefulSet");
    expect(app.livenessProbe).toEqual({ httpGet: { port: 8080, path: "/livez" } });
    expect(app.readinessProbe.httpGet.httpHeaders).toEqual([{ name: "SOME_HEADER", value: "some-value-here" }]);
    expect(app.resources).toEqual({ limits: { cpu: "0.24", memory: "128M" }, requests: { cpu: "1000m", memory: "10Gi" } });
    expect(v.initContainers).toEqual([
      { name: "migrate", sidecar: false },
      { name: "proxy", sidecar: true },
    ]);
    expect(v.containers.proxy.startupProbe).toEqual({ exec: { command: ["/ready"] } });
    expect(v.service.ports.map((p: any) => p.name)).toEqual(["port-one", "port-two2"]);
    expect(v.workload.annotations).toEqual({ "prefix.com/Another-Key_Annotation.2": "something else" });
  });

  it("carries provisioner manifests once, with the first workload that declares a shared resource", () => {
    const kinds = (name: string) => valuesOf(name).extraObjects.map((o: any) => `${o.kind}/${o.metadata.name}`);
    expect(kinds("web")).toEqual(["Secret/pg-web-a1b2c3d4", "Service/pg-web-a1b2c3d4"]);
    expect(kinds("frontend")).toEqual(["Secret/pg-shared", "HTTPRoute/route-frontend-1"]);
  });

  it("reports both probe handlers and keeps httpGet", () => {
    expect(emitFixture().findings.map((f) => f.ruleId)).toEqual(["helm/probe-two-handlers"]);
  });
});

describe("helm chart templates", () => {
  const dir = join(chartDir(), "templates");
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|tpl)$/.test(f)).sort();
  const uses = files.flatMap((f) => valuesPaths(f, readFileSync(join(dir, f), "utf8")));

  it("reads only values paths the schema declares", () => {
    expect(uses.length).toBeGreaterThan(40);
    const missing = uses.filter((u) => !schemaAt(schema, u.path)).map((u) => `${u.file}: ${u.text} (${u.path.join(".")})`);
    expect(missing).toEqual([]);
  });

  it("follows range / index / binding scopes (the checker is not vacuous)", () => {
    const paths = new Set(uses.map((u) => u.path.join(".")));
    for (const p of ["containers.*.env.*.secretKeyRef.name", "containers.*.files.*.mountPath", "volumes.*.claim.perReplica", "service.ports.*.targetPort", "initContainers.*.sidecar"]) {
      expect(paths, p).toContain(p);
    }
    const bogus = valuesPaths("x.yaml", '{{ range $k, $c := .Values.containers }}{{ $c.nope }}{{ end }}{{ .Values.workload.nope }}');
    expect(bogus.filter((u) => !schemaAt(schema, u.path)).map((u) => u.text)).toEqual(["$c.nope", ".Values.workload.nope"]);
  });

  it("uses every top-level section of the values", () => {
    const top = new Set(uses.map((u) => u.path[0]));
    for (const k of Object.keys(schema.properties).filter((k) => k !== "global")) expect(top, k).toContain(k);
  });
});
