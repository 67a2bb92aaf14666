// The public API: discovery of rules and annotations, evalRule, budget, errors, speed.
import { describe, expect, it } from "vitest";
import { compileModules, RegoError, toJSON, type Program } from "../../src/rego/index.js";

function compile(source: string): Program {
  const r = compileModules([{ path: "policy.rego", source }]);
  if (!r.ok) throw new Error(r.errors.map(String).join("\n"));
  return r.program;
}

const POLICY = `# METADATA
# title: Main policy
# description: Checks workloads
package main

# METADATA
# title: No latest tag
# custom:
#   severity: high
# related_resources:
#   - https://example.com/latest
deny contains msg if {
  some c in input.containers
  c.image == "nginx:latest"
  msg := {"container": c.name}
}

warn contains "no containers" if not input.containers

violation[x] := true if some x in input.bad

test_ok if true
`;

describe("rego public API", () => {
  it("lists rules with annotations and locations", () => {
    const p = compile(POLICY);
    const rules = p.rules();
    expect(rules.map((r) => r.name)).toEqual(["deny", "warn", "violation", "test_ok"]);
    const deny = rules[0]!;
    expect(deny.pkg).toEqual(["main"]);
    expect(deny.kind).toBe("set");
    expect(deny.location).toMatchObject({ file: "policy.rego", row: 12 });
    expect(deny.annotations[0]).toMatchObject({
      title: "No latest tag",
      scope: "rule",
      custom: { severity: "high" },
      related_resources: ["https://example.com/latest"],
    });
    expect(p.packages).toHaveLength(1);
    expect(p.packages[0]).toMatchObject({ path: ["main"], annotations: [{ title: "Main policy", scope: "package" }] });
  });

  it("evaluates a rule by path", () => {
    const p = compile(POLICY);
    const v = p.evalRule(["main", "deny"], { input: { containers: [{ name: "a", image: "nginx:latest" }] } });
    expect(toJSON(v!)).toEqual([{ container: "a" }]);
    expect(toJSON(p.evalRule(["main", "warn"], { input: {} })!)).toEqual(["no containers"]);
    expect(p.evalRule(["main", "nope"], {})).toBeUndefined();
  });

  it("reports parse and compile errors with code and position", () => {
    const r = compileModules([{ path: "x.rego", source: "package x\np := [1,\n" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "rego_parse_error", location: { file: "x.rego" } });
    const u = compileModules([{ path: "y.rego", source: "package y\n\np := undefined_fn(1)\n" }]);
    expect(u.ok).toBe(false);
    if (!u.ok) {
      expect(u.errors[0]).toMatchObject({ code: "rego_type_error", location: { file: "y.rego", row: 3 } });
      expect(u.errors[0]!.message).toContain("undefined_fn");
    }
  });

  it("stops a runaway evaluation with a budget error", () => {
    const p = compile(`package b
p := x if {
  x := [i | some a in input.xs; some b in input.xs; some c in input.xs; i := [a, b, c]]
}`);
    const xs = Array.from({ length: 200 }, (_, i) => i);
    expect(() => p.evalRule(["b", "p"], { input: { xs }, budget: { maxSteps: 10_000 } })).toThrow(RegoError);
    try {
      p.evalRule(["b", "p"], { input: { xs }, budget: { maxSteps: 10_000 } });
    } catch (e) {
      expect((e as RegoError).code).toBe("eval_budget_exceeded");
    }
    let calls = 0;
    expect(() =>
      p.evalRule(["b", "p"], { input: { xs }, budget: { shouldStop: () => ++calls > 2 } }),
    ).toThrow(/time budget/);
  });

  it("runs queries returning binding maps", () => {
    const p = compile(POLICY);
    const res = p.query("x := data.main.test_ok; y := [1, 2][_]", {});
    expect(res.map((m) => Object.fromEntries(m))).toEqual([
      { x: true, y: 1 },
      { x: true, y: 2 },
    ]);
  });

  it("evaluates 15 rules over 1,000 inputs, each finding once (speed is measured by `npm run bench`, not here)", () => {
    const rules = Array.from(
      { length: 15 },
      (_, i) => `deny contains msg if {
  some name, c in input.containers
  c.image == "img${i}"
  not c.resources.limits
  msg := {"rule": ${i}, "container": name}
}`,
    ).join("\n");
    const p = compile(`package main\n${rules}\n`);
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      containers: { main: { image: `img${i % 20}`, resources: {} }, side: { image: "x", resources: { limits: {} } } },
    }));
    let n = 0;
    for (const input of inputs) {
      const v = p.evalRule(["main", "deny"], { input });
      n += (toJSON(v!) as unknown[]).length;
    }
    expect(n).toBe(750);
  });
});

describe("rego strict mode", () => {
  it("rejects unused imports and unused assignments only when strict", () => {
    const src = "package s\nimport data.lib\np if {\n  x := 1\n  true\n}\n";
    expect(compileModules([{ path: "s.rego", source: src }]).ok).toBe(true);
    const r = compileModules([{ path: "s.rego", source: src }], { strict: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message).sort()).toEqual(["assigned var x unused", "import data.lib unused"]);
  });
});

describe("rego large policies", () => {
  it("evaluates long literals without deep recursion", () => {
    const items = Array.from({ length: 20000 }, (_, i) => `"img${i}"`).join(", ");
    const objs = Array.from({ length: 5000 }, (_, i) => `{"k": input.x, "i": ${i}}`).join(", ");
    const p = compile(`package main
allowed := {${items}}
arr := [${objs}]
deny contains "no" if not input.image in allowed`);
    expect(toJSON(p.evalRule(["main", "deny"], { input: { image: "img5", x: 1 } })!)).toEqual([]);
    expect((p.evalRule(["main", "arr"], { input: { x: 1 } }) as unknown[]).length).toBe(5000);
  });
});
