// The generate path of `analyze`, with `generate` replaced by a stand-in (the real one needs every target
// and template module built): provisioning findings are kept for the document only, an unknown target
// falls back to `check` with a config finding, and the last provisioning feeds resource lookups.
import { describe, expect, it, vi } from "vitest";
import { check } from "../../src/api/check.js";
import type { ProvisionResult } from "../../src/provision/provision-stage.js";

class UnknownTargetError extends Error {}
const generate = vi.fn();
vi.mock("../../src/api/generate.js", () => ({ generate, UnknownTargetError }));

const { analyze } = await import("../../src/lsp/analyze.js");
const { readSettings } = await import("../../src/lsp/settings.js");
const { resourceInfo } = await import("../../src/lsp/resource-info.js");

const TEXT = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\nresources:\n  db:\n    type: postgres\n";

describe("analyze with generate", () => {
  it("keeps the document's own findings and the provisioning result", async () => {
    const base = check([{ path: "/ws/score.yaml", contents: TEXT }], { root: "/ws" });
    const at = { line: 9, column: 11 };
    const provision = { graph: { nodes: new Map(), order: [] }, resources: new Map() } as unknown as ProvisionResult;
    generate.mockResolvedValueOnce({
      ...base,
      provision,
      diagnostics: [
        { file: "/ws/score.yaml", ruleId: "provision/no-provisioner", source: "provision", severity: "error", message: "no provisioner", range: { start: at, end: at } },
        { file: ".scorec/x.provisioners.yaml", ruleId: "provisioner/required", source: "provision", severity: "error", message: "elsewhere", range: { start: at, end: at } },
        { file: "/ws/score.yaml", ruleId: "x/suppressed", source: "score", severity: "error", message: "off", range: { start: at, end: at }, suppressed: true },
      ],
    });
    const a = await analyze("/ws/score.yaml", TEXT, "/ws", readSettings({ provisioners: ["p"] }), undefined);
    expect(a.mode).toBe("generate");
    expect(a.diagnostics.map((d) => d.ruleId)).toEqual(["provision/no-provisioner"]);
    expect(a.provision).toBe(provision);
    expect(generate.mock.calls[0]![1]).toMatchObject({ target: "compose", root: "/ws", provisioners: ["/ws/p"] });
  });

  it("falls back to check, with a config finding, for an unknown target", async () => {
    generate.mockRejectedValueOnce(new UnknownTargetError('unknown target "nope"'));
    const a = await analyze("/ws/score.yaml", TEXT.replace("image: nginx", "imgae: nginx"), "/ws", readSettings({ target: "nope" }), undefined);
    expect(a.mode).toBe("check");
    expect(a.diagnostics.map((d) => d.ruleId).sort()).toEqual(["config/lsp", "schema/additional-property", "schema/required"]);
  });

  it("reads outputs and the provisioner from the last provisioning", () => {
    const w = { input: { path: "/ws/score.yaml" } };
    const provision = {
      graph: { nodes: new Map([["postgres.default#web.db", { uid: "postgres.default#web.db", type: "postgres", declarations: [{ name: "db", workload: w }] }]]), order: [] },
      resources: new Map([["postgres.default#web.db", { outputs: { port: 5432, host: "db" }, provisioner: { uri: "template://p", file: "p.provisioners.yaml" } }]]),
    } as unknown as ProvisionResult;
    const raw = { metadata: { name: "web" }, resources: { db: { type: "postgres" } } };
    const info = resourceInfo("db", { raw, path: "/ws/score.yaml", environment: "dev", provision, provisioners: [] });
    expect(info).toMatchObject({ type: "postgres", class: "default", id: "web.db", outputs: ["host", "port"], provisioned: true, provisioner: { uri: "template://p" } });
    // Edited to another type since: the old provisioning no longer applies.
    const stale = resourceInfo("db", { raw: { ...raw, resources: { db: { type: "redis" } } }, path: "/ws/score.yaml", environment: "dev", provision, provisioners: [] });
    expect(stale?.provisioned).toBe(false);
  });
});
