// Issue 13 item 5: suppressions where users put them. A policy result about a whole block
// (`path: /containers/main`) is anchored on `main:`, so a disable comment above `main:` suppresses it; a
// disable comment naming a rule that does not exist is a warning with "did you mean".
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { lint } from "../../src/api/lint.js";
import { BUILTIN_RULE_IDS } from "../../src/diagnostics/builtin-rule-ids.js";
import { loadPolicyOptions } from "../../src/policy/load-policies.js";
import { REPO } from "../helpers/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-suppress-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(
  join(tmp, "limits.rego"),
  'package main\nimport rego.v1\ndeny_limits contains {"msg": "container main has no resource limits", "path": "/containers/main"} if { not input.containers.main.resources }\n',
);

const score = (comment: string) =>
  ["apiVersion: score.dev/v1b1", "metadata:", "  name: web", "containers:", ...(comment ? [`  ${comment}`] : []), "  main:", "    image: nginx", "    variables:", '      A: "1"', ""].join("\n");

async function run(text: string) {
  const policy = await loadPolicyOptions({ paths: [join(tmp, "limits.rego")], root: tmp });
  return check([{ path: "web.score.yaml", contents: text }], { root: tmp, policy }).diagnostics;
}

describe("a policy result about a block is anchored on its key", () => {
  it("path /containers/main → the `main:` key (line:column), not the first key inside", async () => {
    const ds = await run(score(""));
    const d = ds.find((x) => x.ruleId === "main.deny_limits")!;
    expect(d.range.start).toMatchObject({ line: 5, column: 3 });
    expect(d.range.end).toMatchObject({ line: 5, column: 7 });
    expect(d.suppressed).toBeUndefined();
  });

  it("a disable comment above `main:` suppresses it (kept and counted, not dropped)", async () => {
    const ds = await run(score("# scorec-disable-next-line main.deny_limits -- limits come from the platform"));
    const d = ds.find((x) => x.ruleId === "main.deny_limits")!;
    expect(d.range.start.line).toBe(6);
    expect(d.suppressed).toBe(true);
    expect(ds.filter((x) => !x.suppressed)).toEqual([]);
  });
});

describe("unknown rule ids in disable comments", () => {
  it("a misspelt policy rule id is a warning at the id, with did you mean and a fix", async () => {
    const ds = await run(score("# scorec-disable-next-line main.deny_limts"));
    const w = ds.find((x) => x.ruleId === "score/unknown-suppression")!;
    expect(w.severity).toBe("warning");
    expect(w.message).toBe('unknown rule id "main.deny_limts" in a disable comment: it suppresses nothing — did you mean "main.deny_limits"?');
    expect(w.range.start).toMatchObject({ line: 5, column: 30 });
    expect(w.range.end).toMatchObject({ line: 5, column: 45 });
    expect(w.fix?.text).toBe("main.deny_limits");
    // The finding it meant to suppress goes through.
    expect(ds.find((x) => x.ruleId === "main.deny_limits")?.suppressed).toBeUndefined();
  });

  it("built-in pack rules, scorec's own rules and schema rules are known; typos of them get a suggestion", () => {
    const text = [
      "apiVersion: score.dev/v1b1",
      "metadata:",
      "  name: web",
      "containers:",
      "  main:",
      "    # scorec-disable-next-line score/image-pinned, schema/additional-property, provision/missing-output",
      "    image: nginx",
      "    # scorec-disable-next-line score/imgae-pinned schema/aditional-property",
      "    variables: {}",
      "    # scorec-disable-next-line frobnicate",
      "    args: []",
      "",
    ].join("\n");
    const ds = check([{ path: "web.score.yaml", contents: text }], { root: tmp }).diagnostics;
    expect(ds.filter((d) => d.ruleId === "score/unknown-suppression").map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      '8:32 unknown rule id "score/imgae-pinned" in a disable comment: it suppresses nothing — did you mean "score/image-pinned"?',
      '8:51 unknown rule id "schema/aditional-property" in a disable comment: it suppresses nothing — did you mean "schema/additional-property"?',
      '10:32 unknown rule id "frobnicate" in a disable comment: it suppresses nothing',
    ]);
  });

  it("is reported once by lint, however many targets are provisioned", async () => {
    const r = await lint([{ path: "web.score.yaml", contents: score("# scorec-disable-next-line nope/nope") }], {
      root: tmp,
      provision: { targets: ["compose", "helm"] },
    });
    expect(r.diagnostics.filter((d) => d.ruleId === "score/unknown-suppression")).toHaveLength(1);
  });

  it("the catalogue lists every rule id scorec's own code reports", () => {
    const ids = new Set<string>();
    const walk = (dir: string): void => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith(".ts")) for (const m of readFileSync(p, "utf8").matchAll(/ruleId: "([a-z]+\/[a-z0-9-]+)"|"((?:yaml|schema|score|provision|policy|compose|helm|terraform|backstage|patch|wasm)\/[a-z0-9-]+)"/g)) ids.add(m[1] ?? m[2]!);
      }
    };
    walk(join(REPO, "src"));
    walk(join(REPO, "targets"));
    ids.delete("policy/image-pinned"); // an example in a comment of src/report/json.ts
    const missing = [...ids].filter((id) => !BUILTIN_RULE_IDS.includes(id));
    expect(missing).toEqual([]);
  });
});
