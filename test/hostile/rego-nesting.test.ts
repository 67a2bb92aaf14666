// Rego nested absurdly deep: a rule chain thousands long (a0 uses a1 uses a2 …), a function chain, and
// expressions nested thousands of levels (parentheses, arrays, objects, calls, operator chains). Each is a
// positioned "too deeply nested" error, in bounded time, never `Maximum call stack size exceeded`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CALL_DEPTH } from "../../src/rego/eval.js";
import { compileModules, RegoError } from "../../src/rego/index.js";
import { MAX_TERM_NESTING } from "../../src/rego/parser.js";
import { WORKLOAD, runFenced, scratch, withinBounds } from "./harness.js";

const tmp = scratch("rego-deep");

/** Compile and evaluate data.p.x; the error (compile or evaluation), or the value. */
function outcome(source: string): { error?: RegoError; value?: unknown } {
  return withinBounds(
    () => {
      try {
        const r = compileModules([{ path: "p.rego", source: `package p\n\n${source}\n` }]);
        if (!r.ok) return { error: r.errors[0] };
        return { value: r.program.evalRule(["p", "x"], { nowNs: 0n }) };
      } catch (e) {
        expect(e).toBeInstanceOf(RegoError);
        return { error: e as RegoError };
      }
    },
    5_000,
    256,
  );
}

const chain = (n: number, rule: (i: number) => string, last: string, use: string) => Array.from({ length: n }, (_, i) => rule(i)).join("\n") + `\n${last}\n${use}`;

describe("Rego rule and function chains", () => {
  for (const n of [5_000, 20_000]) {
    it(`a rule chain ${n} deep: too deeply nested at the rule where the limit is crossed`, () => {
      const { error } = outcome(chain(n, (i) => `a${i} := a${i + 1}`, `a${n} := 1`, "x := a0"));
      expect(error?.code).toBe("eval_budget_exceeded");
      expect(error?.message).toBe(`too deeply nested: rules and functions call each other more than ${MAX_CALL_DEPTH} deep, in data.p.a${MAX_CALL_DEPTH - 1}`);
      // a{i} is declared on line 3 + i
      expect(error?.location).toEqual({ file: "p.rego", row: 3 + MAX_CALL_DEPTH - 1, col: 1 });
    }, 20_000);
  }

  it("a function chain 5000 deep: the same, at the function", () => {
    const { error } = outcome(chain(5_000, (i) => `f${i}(v) := f${i + 1}(v)`, "f5000(v) := v", "x := f0(1)"));
    expect(error?.message).toMatch(/^too deeply nested: .* in data\.p\.f99$/);
    expect(error?.location?.row).toBe(3 + 99);
  }, 20_000);

  it("chains within the limit evaluate as before", () => {
    // x, a0 … a97, a98: 100 rules deep
    const n = MAX_CALL_DEPTH - 2;
    expect(outcome(chain(n, (i) => `a${i} := a${i + 1}`, `a${n} := 7`, "x := a0")).value).toBe(7);
  });
});

describe("Rego expressions nested deep", () => {
  // each shape wraps an inner term n levels deep
  const shapes: [string, (n: number, inner?: string) => string][] = [
    ["parentheses", (n, inner = "1") => `${"(".repeat(n)}${inner}${")".repeat(n)}`],
    ["arrays", (n, inner = "1") => `${"[".repeat(n)}${inner}${"]".repeat(n)}`],
    ["objects", (n, inner = "1") => `${'{"a": '.repeat(n)}${inner}${"}".repeat(n)}`],
    ["calls", (n, inner = "1") => `${"abs(".repeat(n)}${inner}${")".repeat(n)}`],
    ["an operator chain", (n, inner = "1") => [inner, ...Array(n).fill("1")].join(" + ")],
    ["comprehensions", (n, inner = "1") => `${"[y | y := ".repeat(n)}${inner}${"]".repeat(n)}`],
  ];
  for (const [name, make] of shapes) {
    it(`${name}, 20 000 deep: a parse error 'too deeply nested' on the line; at the limit: a value`, () => {
      const { error } = outcome(`x := ${make(20_000)}`);
      expect(error?.code).toBe("rego_parse_error");
      expect(error?.message).toBe(`too deeply nested: terms nest more than ${MAX_TERM_NESTING} levels here`);
      expect(error?.location?.row).toBe(3);
      const ok = outcome(`x := ${make(MAX_TERM_NESTING - 2)}`);
      expect(ok.error).toBeUndefined();
      expect(ok.value).toBeDefined();
    }, 20_000);
  }

  it("random nestings of every shape: a value or a positioned 'too deeply nested', never a stack overflow", () => {
    const shape = fc.constantFrom(...shapes.map(([, make]) => make));
    fc.assert(
      fc.property(fc.array(fc.tuple(shape, fc.integer({ min: 1, max: 700 })), { minLength: 1, maxLength: 4 }), (parts) => {
        // nest the shapes inside each other: the innermost is the first
        const src = parts.reduce((inner, [make, n]) => make(n, inner), "1");
        const { error } = outcome(`x := ${src}`);
        const depth = parts.reduce((d, [, n]) => d + n, 0);
        // a type error (an object plus a number) is a fine answer; a stack overflow never is
        if (error) {
          expect(error.location?.row).toBe(3);
          expect(error.message).not.toMatch(/call stack/);
        }
        if (depth > 2 * MAX_TERM_NESTING) expect(error?.message).toMatch(/^too deeply nested/);
      }),
      { numRuns: 40, seed: 15 },
    );
  }, 30_000);
});

describe("scorec check with a deeply nested policy", () => {
  it("a rule chain 20 000 deep and an expression 20 000 deep: positioned findings, exit 1, within the fence", () => {
    const score = tmp.write("score.yaml", WORKLOAD);
    const deny = '\n\ndeny contains msg if {\n\ta0 == 1\n\tmsg := "x"\n}\n';
    const chainPolicy = tmp.write("chain/p.rego", `package main\n\n${chain(20_000, (i) => `a${i} := a${i + 1}`, "a20000 := 1", "")}${deny}`);
    let r = runFenced(["check", score, "--policy", chainPolicy], { timeoutMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/3:9\s+error\s+policy main\.deny could not be evaluated: eval_budget_exceeded: too deeply nested: .* in data\.main\.a99 \(at .*p\.rego:102:1\)/);
    expect(r.stdout + r.stderr).not.toContain("Maximum call stack");

    const exprPolicy = tmp.write("expr/p.rego", `package main\n\ndeny contains msg if {\n\tx := ${"[".repeat(20_000)}${"]".repeat(20_000)}\n\tmsg := "x"\n}\n`);
    r = runFenced(["check", score, "--policy", exprPolicy], { timeoutMs: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/p\.rego\n\s+4:\d+\s+error\s+rego_parse_error: too deeply nested/);
    expect(r.stdout + r.stderr).not.toContain("Maximum call stack");
  }, 45_000);
});
