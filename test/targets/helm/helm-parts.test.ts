import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeK8sEnv, envEntries } from "../../../targets/helm/env.js";
import { helmTarget } from "../../../targets/helm/index.js";
import { encodeSecretRef, splitSecretRefs } from "../../../targets/helm/secret-refs.js";
import { startOrder } from "../../../targets/helm/start-order.js";
import type { EmitFinding, ResolvedWorkload } from "../../../src/emit/target.js";
import { corpus } from "../../helpers/paths.js";

describe("score-k8s secret references", () => {
  it("encodes as score-k8s does and decodes names with dots and keys with _ and .", () => {
    expect(encodeSecretRef("pg-1", "password")).toBe("🔐💬pg-1_password💬🔐");
    const s = `a${encodeSecretRef("s1", "k1")}thing${encodeSecretRef("a.val1d-dns.subdomain", "a-val1d.k_y")}`;
    expect(splitSecretRefs(s)).toEqual([
      { kind: "text", text: "a" },
      { kind: "secret", ref: { name: "s1", key: "k1" } },
      { kind: "text", text: "thing" },
      { kind: "secret", ref: { name: "a.val1d-dns.subdomain", key: "a-val1d.k_y" } },
    ]);
  });
  it("refuses names a Secret cannot have", () => {
    expect(() => encodeSecretRef("bad_name", "k")).toThrow();
    expect(() => encodeSecretRef("n")).toThrow();
  });
  it("is the template function the target hands the provisioners", () => {
    expect(helmTarget.templateFuncs?.encodeSecretRef?.("x", "y")).toBe("🔐💬x_y💬🔐");
  });
});

describe("env entries", () => {
  it("escapes only what the kubelet would expand", () => {
    expect(escapeK8sEnv("$(A) $$ $x $")).toBe("$$(A) $$$ $x $");
  });
  it("shares one helper per secret and lists helpers first", () => {
    const pieces = [{ kind: "text" as const, text: "x:" }, { kind: "secret" as const, name: "s", key: "k" }];
    const env = envEntries([["B", pieces], ["A", pieces]]);
    expect(env).toHaveLength(3);
    expect(env[0]!.name).toMatch(/^SCOREC_REF_K_/);
    expect(env.slice(1).map((e) => e.name)).toEqual(["A", "B"]);
  });
});

describe("start order from before", () => {
  const w = (before: Record<string, Record<string, { ready: string }>>): ResolvedWorkload =>
    ({ name: "w", containers: Object.keys(before).sort().map((n) => ({ name: n, before: before[n] })) }) as unknown as ResolvedWorkload;
  it("orders init containers topologically (X.before.Y: X is ready before Y starts, as in score-compose)", () => {
    const findings: EmitFinding[] = [];
    const order = startOrder(w({ main: {}, b: { main: { ready: "complete" } }, a: { b: { ready: "started" } } }), findings);
    expect(order).toEqual([
      { name: "a", sidecar: true, healthy: false },
      { name: "b", sidecar: false, healthy: false },
    ]);
    expect(findings).toEqual([]);
  });
  it("reports cycles", () => {
    const findings: EmitFinding[] = [];
    startOrder(w({ a: { b: { ready: "complete" } }, b: { a: { ready: "complete" } }, c: {} }), findings);
    expect(findings.map((f) => f.ruleId)).toContain("helm/before-cycle");
  });
});

describe("helm provisioners", () => {
  it("ships score-k8s's default provisioner file below an origin line, unchanged but for its demo provisioners", () => {
    const ours = readFileSync(join(helmTarget.defaultProvisionersDir, "zz-default.provisioners.yaml"), "utf8");
    const upstream = readFileSync(corpus("score-provisioners", "score-k8s", "zz-default.provisioners.yaml"), "utf8");
    const [first, ...rest] = ours.split("\n");
    expect(first).toMatch(/^# Origin: score-spec\/score-k8s .* b375b9516b1be0244afe516b813cfbb2a3061626/);
    // Upstream opens with two demo provisioners (example-provisioner-resource, one of them cmd://bash): left out.
    const lines = upstream.split("\n");
    const demoEnd = lines.findIndex((l) => l.startsWith("# The default provisioner for service resources"));
    expect(lines.slice(0, demoEnd).join("\n")).toContain("example-provisioner-resource");
    expect(rest.join("\n")).toBe(lines.slice(demoEnd).join("\n"));
    expect(existsSync(join(helmTarget.defaultProvisionersDir, ".."))).toBe(true);
  });
});

describe("provisioner templates parse with the target's functions", () => {
  it("every template field of every built-in provisioner file of helm and terraform parses (no unknown function)", async () => {
    const { readdirSync } = await import("node:fs");
    const { parse } = await import("yaml");
    const { parseTemplate } = await import("../../../src/template/index.js");
    const { terraformTarget } = await import("../../../targets/terraform/index.js");
    let parsed = 0;
    for (const target of [helmTarget, terraformTarget]) {
      for (const f of readdirSync(target.defaultProvisionersDir).filter((x) => x.endsWith(".provisioners.yaml")).sort()) {
        const list = parse(readFileSync(join(target.defaultProvisionersDir, f), "utf8")) as Record<string, unknown>[];
        for (const p of list) {
          for (const field of ["init", "state", "shared", "outputs", "manifests"]) {
            if (typeof p[field] !== "string") continue;
            expect(() => parseTemplate(p[field] as string, { name: `${f}#${p.uri}#${field}`, funcs: target.templateFuncs ?? {} })).not.toThrow();
            parsed++;
          }
        }
      }
    }
    expect(parsed).toBeGreaterThan(30);
  });
});
