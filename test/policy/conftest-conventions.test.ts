// conftest's conventions over the Rego back end: rule names, result shapes, positions, namespaces,
// exceptions, --combine, data.conftest.file, suppressions.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { loadPolicyOptions, type PolicySourceOptions } from "../../src/policy/load-policies.js";
import { fixture } from "../helpers/paths.js";

const dir = fixture("policy");
async function lint(files: string[], opts: Partial<PolicySourceOptions> = {}, rules?: Record<string, "off" | "error" | "warning" | "info">) {
  const policy = await loadPolicyOptions({ paths: [join(dir, "conftest")], ...opts });
  const r = check(files.map((f) => ({ path: join(dir, f) })), { root: dir, policy, rules });
  return r.diagnostics.filter((d) => d.source === "policy");
}
const brief = (ds: Awaited<ReturnType<typeof lint>>) =>
  ds.map((d) => `${d.file.split("/").pop()}:${d.range.start.line}:${d.range.start.column} ${d.severity}${d.suppressed ? " (suppressed)" : ""} ${d.ruleId} ${d.message}`);

describe("conftest conventions", () => {
  it("deny/violation fail, warn warns; strings or {msg, path}; default namespace main", async () => {
    expect(brief(await lint(["web.score.yaml"]))).toEqual([
      "web.score.yaml:3:9 error main.deny container main uses a latest tag",
      "web.score.yaml:3:9 warning main.warn_no_owner workload has no owner annotation",
      "web.score.yaml:9:14 error (suppressed) main.violation_env container main runs with DEBUG",
    ]);
  });

  it("exceptions suppress the named deny rules (counted, not dropped)", async () => {
    const ds = await lint(["legacy.score.yaml"]);
    expect(brief(ds)).toEqual([
      "legacy.score.yaml:3:9 error main.deny container main uses a latest tag",
      "legacy.score.yaml:10:14 error (suppressed) main.violation_env container main runs with DEBUG",
    ]);
  });

  it("--namespace globs and --all-namespaces", async () => {
    const team = await lint(["legacy.score.yaml"], { namespaces: ["team.*"] });
    expect(brief(team)).toEqual(["legacy.score.yaml:3:9 error team.extra.deny team.extra always complains"]);
    const all = await lint(["legacy.score.yaml"], { allNamespaces: true });
    expect(all.map((d) => d.ruleId).sort()).toEqual(["main.deny", "main.violation_env", "team.extra.deny"]);
  });

  it("--combine gives all workloads as one input, and positions map back to the right file", async () => {
    const ds = await lint(["legacy.score.yaml", "web.score.yaml"], { namespaces: ["combined"], combine: true });
    expect(brief(ds)).toEqual(["legacy.score.yaml:3:9 error combined.deny workload name legacy is used for two images"]);
  });

  it("per-project rule settings turn rules off (suppressed) or change their severity", async () => {
    const ds = await lint(["web.score.yaml"], {}, { "main.deny": "warning", "main.warn_no_owner": "off" });
    expect(brief(ds)).toEqual([
      "web.score.yaml:3:9 warning main.deny container main uses a latest tag",
      "web.score.yaml:3:9 warning (suppressed) main.warn_no_owner workload has no owner annotation",
      "web.score.yaml:9:14 error (suppressed) main.violation_env container main runs with DEBUG",
    ]);
  });

  it("a policy that does not compile is a positioned finding on the policy file", async () => {
    const policy = await loadPolicyOptions({ paths: [join(dir, "broken.rego")] });
    const r = check([{ path: join(dir, "web.score.yaml") }], { root: dir, policy });
    const e = r.diagnostics.find((d) => d.file.endsWith("broken.rego"))!;
    expect(e.ruleId).toBe("policy/rego_parse_error");
    expect(e.range.start.line).toBe(6); // the unexpected end of file after the unclosed braces
  });
});
