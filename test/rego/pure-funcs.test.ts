// Results of pure functions shared across evaluations of one program: same answers as computing them
// afresh, never shared for functions that read input/data or call impure builtins, and still charged to
// the step budget.
import { describe, expect, it } from "vitest";
import { compileModules, RegoError, toJSON, type Program } from "../../src/rego/index.js";

function compile(source: string): Program {
  const r = compileModules([{ path: "policy.rego", source }]);
  if (!r.ok) throw new Error(r.errors.map(String).join("\n"));
  return r.program;
}

const POLICY = `package p

secret(name) if regex.match("(?i)pass", name)

tag(image) := t if {
  parts := split(image, ":")
  t := parts[count(parts) - 1]
}

# Reads input: its result for the same argument changes with the input.
scaled(n) := n * input.factor

# Reads a rule through data.
limit(n) := n + data.p.base

base := input.base

found contains name if {
  some name in input.names
  secret(name)
}

tags contains tag(i) if some i in input.images

scaled_all contains scaled(n) if some n in input.ns

limits contains limit(n) if some n in input.ns
`;

describe("shared results of pure functions", () => {
  it("gives each evaluation the answers of a fresh program", () => {
    const p = compile(POLICY);
    const inputs = [
      { names: ["PASSWORD", "user", "db_pass"], images: ["a:1", "b:latest"], ns: [1, 2], factor: 10, base: 100 },
      { names: ["user", "PASSWORD"], images: ["b:latest", "c"], ns: [2, 3], factor: 3, base: 7 },
      { names: ["PASSWORD"], images: ["a:1"], ns: [1], factor: -1, base: 0 },
    ];
    const rules = ["found", "tags", "scaled_all", "limits"];
    const shared = inputs.map((input) => p.evalRules(rules.map((r) => ["p", r]), { input }).map((v) => toJSON(v!)));
    const fresh = inputs.map((input) => compile(POLICY).evalRules(rules.map((r) => ["p", r]), { input }).map((v) => toJSON(v!)));
    expect(shared).toEqual(fresh);
    expect(shared[1]).toEqual([["PASSWORD"], ["c", "latest"], [6, 9], [9, 10]]);
    expect(shared[2]).toEqual([["PASSWORD"], ["1"], [-1], [1]]);
  });

  it("does not share a result a mock changes", () => {
    const p = compile(`package p
secret(name) if regex.match("pass", name)
plain if secret("pass")
mocked if secret("pass") with regex.match as false
`);
    expect(p.evalRule(["p", "plain"])).toBe(true);
    expect(p.evalRule(["p", "mocked"])).toBeUndefined();
    expect(p.evalRule(["p", "plain"])).toBe(true);
  });

  it("does not share results of functions calling impure builtins", () => {
    const p = compile(`package p
now(x) := [x, time.now_ns()]
v := now(1)
`);
    expect(p.evalRule(["p", "v"], { nowNs: 5n })).toEqual([1, 5]);
    expect(p.evalRule(["p", "v"], { nowNs: 6n })).toEqual([1, 6]);
  });

  it("charges a shared result's steps to every evaluation that uses it", () => {
    const p = compile(`package p
slow(x) := count([i | some i in numbers.range(1, 3000); i > 0]) + x
v := slow(1)
`);
    expect(p.evalRule(["p", "v"])).toBe(3001);
    // Computed once; the second evaluation takes it from the shared table but pays the same steps.
    expect(() => p.evalRule(["p", "v"], { budget: { maxSteps: 1000 } })).toThrow(RegoError);
    expect(p.evalRule(["p", "v"], { budget: { maxSteps: 100_000 } })).toBe(3001);
  });

  it("charges in full a result computed around a call this evaluation had already answered", () => {
    // wrap(1) runs while slow(1) is in this evaluation's own memo (free here): wrap's cost then is not
    // what a fresh evaluation of b pays, so it must not be shared with that cost.
    const source = `package p
slow(x) := count([i | some i in numbers.range(1, 3000); i > 0]) + x
wrap(x) := slow(x)
a := slow(1)
b := wrap(1)
`;
    const p = compile(source);
    expect(p.evalRules([["p", "a"], ["p", "b"]]).map((v) => toJSON(v!))).toEqual([3001, 3001]);
    expect(() => compile(source).evalRule(["p", "b"], { budget: { maxSteps: 1000 } })).toThrow(RegoError);
    expect(() => p.evalRule(["p", "b"], { budget: { maxSteps: 1000 } })).toThrow(RegoError);
  });

  it("still stops nesting past the limit when a deep result was shared from a shallower call", () => {
    const chain = Array.from({ length: 97 }, (_, i) => `f${i}(x) := f${i + 1}(x)`).join("\n");
    const rules = ["b0 := f0(1)", ...Array.from({ length: 4 }, (_, i) => `b${i + 1} := b${i}`)].join("\n");
    const source = `package p\n${chain}\nf97(x) := x + 1\na := f0(1)\n${rules}\n`;
    expect(() => compile(source).evalRule(["p", "b4"])).toThrow(/too deeply nested/);
    const p = compile(source);
    expect(p.evalRule(["p", "a"])).toBe(2);
    expect(() => p.evalRule(["p", "b4"])).toThrow(/too deeply nested/);
  });
});
