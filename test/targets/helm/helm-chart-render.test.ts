import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chartDir, helmTarget } from "../../../targets/helm/index.js";
import { fixture } from "../fixtures/workloads.js";
import { renderChart } from "./render-chart.js";

function values(name: string): any {
  const f = fixture("helm");
  const a = helmTarget.emit(f.workloads, f.resources, { outputDir: "out", projectName: "p", environment: "dev" }).artifacts.find((x) => x.path === `${name}.values.yaml`)!;
  return parse(a.content as string);
}

describe("the chart renders the emitted values", () => {
  it("refuses the defaults (values.yaml, no containers): a pod without a main container is invalid", () => {
    // helm template stops the same way (test/targets/helm/helm-real.test.ts).
    expect(() => renderChart(parse(readFileSync(join(chartDir(), "values.yaml"), "utf8")))).toThrow(/no container left to run as the pod's main container/);
    const v = values("web");
    v.initContainers = Object.keys(v.containers).map((name) => ({ name, sidecar: false }));
    expect(() => renderChart(v)).toThrow(/no container left to run as the pod's main container/);
  });

  it("web: StatefulSet with init containers, sidecar, secrets, files, volumes and claim templates", () => {
    const out = renderChart(values("web"));
    const [sts] = out["workload.yaml"] as any[];
    expect(sts.kind).toBe("StatefulSet");
    expect(sts.metadata.name).toBe("web");
    expect(sts.spec.serviceName).toBe("web");
    const pod = sts.spec.template.spec;
    expect(pod.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([["migrate", undefined], ["proxy", "Always"]]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(["app"]);
    const app = pod.containers[0];
    const env = new Map(app.env.map((e: any) => [e.name, e]));
    expect((env.get("DB_PASSWORD") as any).valueFrom).toEqual({ secretKeyRef: { name: "pg-web-a1b2c3d4", key: "password" } });
    const cacheHelper = [...env.keys()].find((k) => String(k).startsWith("SCOREC_REF_CACHE"))!;
    expect((env.get(cacheHelper) as any).valueFrom).toEqual({ secretKeyRef: { name: "web-secrets", key: "cache-password" } });
    expect((env.get("LITERAL") as any).value).toBe("keep $$(HOME) and $ as typed");
    // Every mount names a pod volume or a claim template.
    const volumeNames = new Set([...pod.volumes.map((v: any) => v.name), ...sts.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)]);
    for (const m of app.volumeMounts) expect(volumeNames, m.name).toContain(m.name);
    expect(sts.spec.volumeClaimTemplates[0]).toMatchObject({ metadata: { name: "vol-state" }, spec: { resources: { requests: { storage: "2Gi" } } } });
    const files = pod.volumes.find((v: any) => v.name === "scorec-files").projected.sources;
    expect(files).toContainEqual({ configMap: { name: "web-files", items: [{ key: "app.1.file", path: "app.1.file", mode: 384 }] } });
    expect(files).toContainEqual({ secret: { name: "web-secrets", items: [{ key: "app.0.cache.conf", path: "app.0.cache.conf" }] } });
    expect(pod.volumes.find((v: any) => v.name === "vol-data")).toEqual({ name: "vol-data", emptyDir: {} });
    expect(app.livenessProbe).toEqual({ httpGet: { port: 8080, path: "/livez" } });
    expect(pod.initContainers[1].startupProbe).toEqual({ exec: { command: ["/ready"] } });
    expect(sts.spec.template.metadata.annotations["prefix.com/Another-Key_Annotation.2"]).toBe("something else");

    const [cm, secret] = out["files.yaml"] as any[];
    expect(cm).toMatchObject({ kind: "ConfigMap", metadata: { name: "web-files" }, data: { "app.1.file": "from file.txt\n" }, binaryData: { "app.2.binaryfile": "ADBgwpA=" } });
    expect(secret).toMatchObject({ kind: "Secret", metadata: { name: "web-secrets" }, stringData: { "cache-password": "plain-redis-pass-123" } });
    expect((out["service.yaml"] as any[])[0].spec.ports).toEqual([
      { name: "port-one", port: 1000, targetPort: 10000, protocol: "TCP" },
      { name: "port-two2", port: 8000, targetPort: 8000, protocol: "TCP" },
    ]);
    expect((out["extra-objects.yaml"] as any[]).map((o) => o.kind)).toEqual(["Secret", "Service"]);
    expect(out["pvc.yaml"]).toEqual([]);
  });

  it("frontend: Deployment with a Service named after the workload", () => {
    const out = renderChart(values("frontend"), "shop");
    const [dep] = out["workload.yaml"] as any[];
    expect(dep.kind).toBe("Deployment");
    expect(dep.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "frontend", "app.kubernetes.io/instance": "shop" });
    const [svc] = out["service.yaml"] as any[];
    expect(svc.metadata.name).toBe("frontend");
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    expect(dep.spec.template.spec.volumes).toBeUndefined();
  });

  it("a shared claim becomes a PersistentVolumeClaim", () => {
    const v = values("frontend");
    v.volumes = { "vol-x": { claim: { size: "1Gi", accessModes: ["ReadWriteOnce"] } } };
    v.containers.frontend.volumeMounts = [{ name: "vol-x", mountPath: "/x" }];
    const out = renderChart(v);
    expect((out["pvc.yaml"] as any[]).map((p) => p.metadata.name)).toEqual(["frontend-vol-x"]);
    expect((out["workload.yaml"] as any[])[0].spec.template.spec.volumes).toEqual([{ name: "vol-x", persistentVolumeClaim: { claimName: "frontend-vol-x" } }]);
  });
});
