// The built-in pack by name: `builtin:` (all), `builtin:score/<rule>` (one rule), from flags and config.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinPackDir, builtinRuleIds, resolvePolicyRefs } from "../../src/policy/builtin-pack.js";
import { runCli } from "../helpers/run-cli.js";

describe("builtin: policy refs", () => {
  it("the pack's ids come from its METADATA, one per rule file", () => {
    expect(builtinRuleIds()).toContain("score/image-pinned");
    expect(builtinRuleIds()).toHaveLength(12);
  });

  it("builtin: and builtin:score are the whole pack; other paths resolve against the root", () => {
    for (const ref of ["builtin:", "builtin:score"]) {
      const r = resolvePolicyRefs([ref, "mine"], "/root-of-project");
      expect(r.paths).toEqual(["/root-of-project/mine", builtinPackDir()]);
      expect(builtinRuleIds().every(r.keepRule)).toBe(true);
    }
  });

  it("builtin:ID keeps that rule of the pack and every rule that is not the pack's", () => {
    const r = resolvePolicyRefs(["builtin:score/image-pinned", "builtin:score/service-ports"], "/p");
    expect(r.paths).toEqual([builtinPackDir()]);
    expect(builtinRuleIds().filter(r.keepRule)).toEqual(["score/image-pinned", "score/service-ports"]);
    expect(r.keepRule("acme/own-rule")).toBe(true);
  });

  it("an unknown id is reported with the closest name", () => {
    expect(resolvePolicyRefs(["builtin:score/image-pined"], "/p").unknown).toEqual([
      { ref: "builtin:score/image-pined", message: 'unknown built-in policy "builtin:score/image-pined" — did you mean "builtin:score/image-pinned"? (`scorec policy list` names them)' },
    ]);
  });

  it("works from .scorec/config.yaml too, and policy list --format json names every rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "scorec-builtin-"));
    try {
      mkdirSync(join(dir, ".scorec"));
      writeFileSync(join(dir, ".scorec", "config.yaml"), "policies: [builtin:score/image-pinned]\n");
      writeFileSync(join(dir, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n");
      const r = runCli(["check", "score.yaml", "--format", "json"], { cwd: dir });
      expect(r.code).toBe(1);
      const ids = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { ruleId: string }[] }) => f.diagnostics.map((d) => d.ruleId));
      expect(ids).toEqual(["score/image-pinned"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const list = JSON.parse(runCli(["policy", "list", "--format", "json"]).stdout);
    expect(list.rules.map((r: { id: string }) => r.id)).toEqual(builtinRuleIds());
  });
});

describe("the pack given as a path", () => {
  it("keeps every rule (only builtin:ID selects)", () => {
    const r = resolvePolicyRefs([builtinPackDir()], "/p");
    expect(builtinRuleIds().every(r.keepRule)).toBe(true);
  });
});
