// Hostile policies end on a budget error, in bounded time and memory: nested iteration, huge ranges,
// string/array doubling, a looping `policy test`. A budget hit is an error at the policy line (never an
// undefined that reads as "no violation"), in process and through the CLI under the harness's fence.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModules, RegoError } from "../../src/rego/index.js";
import { runFenced, scratch, withinBounds, WORKLOAD } from "./harness.js";

const tmp = scratch("rego-budget");

// Budgets smaller than the defaults keep each case well inside its time limit on a loaded CI machine;
// the mechanisms are the same ones the defaults drive.
function evalX(source: string, maxSteps = 500_000, maxBuilt = 1_000_000): unknown {
  const r = compileModules([{ path: "p.rego", source: `package p\n\n${source}\n` }]);
  if (!r.ok) throw new Error(String(r.errors));
  return r.program.evalRule(["p", "x"], { nowNs: 0n, budget: { maxSteps, maxBuilt } });
}

function budgetError(source: string): RegoError {
  let err: unknown;
  withinBounds(
    () => {
      try {
        evalX(source);
      } catch (e) {
        err = e;
      }
    },
    5_000,
    512,
  );
  expect(err).toBeInstanceOf(RegoError);
  expect((err as RegoError).code).toBe("eval_budget_exceeded");
  return err as RegoError;
}

describe("hostile Rego budgets", () => {
  it("nested iteration stops on the step budget", () => {
    budgetError("x := count([1 | some i in numbers.range(1, 5000); some j in numbers.range(1, 5000); some k in numbers.range(1, 5000)])");
  }, 10_000);

  it("numbers.range(1, 1e9) is a budget error at the call, not a success", () => {
    const e = budgetError("x := count(numbers.range(1, 1000000000))");
    expect(e.message).toMatch(/range of more than/);
    expect(e.location?.row).toBe(3);
  }, 10_000);

  it("string doubling with concat is bounded by the size budget", () => {
    const e = budgetError(
      `double(s) := concat("", [s, s])\n\nx := count(s) if {\n\ts := double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double(double("ab"))))))))))))))))))))))))))))))\n}`,
    );
    expect(e.message).toMatch(/built elements/);
  }, 10_000);

  it("array doubling with array.concat is bounded by the size budget", () => {
    const d = (n: number): string => (n === 0 ? "[1, 2]" : `dbl(${d(n - 1)})`);
    const e = budgetError(`dbl(a) := array.concat(a, a)\n\nx := count(${d(30)})`);
    expect(e.message).toMatch(/built elements/);
  }, 10_000);

  it("random arithmetic/string expressions either evaluate or hit a budget, in bounded time", () => {
    const leaf = fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), fc.constantFrom('"ab"', "[1, 2]", "{1}"));
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("e"), fc.constantFrom("+", "*", "-"), tie("e")).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie("e").map((a) => `count([y | some y in numbers.range(0, 50)])+count(sprintf("%v", [${a}]))`),
        tie("e").map((a) => `concat("", [sprintf("%v", [${a}]), sprintf("%v", [${a}])])`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (e) => {
        withinBounds(() => {
          // A compile-time type error (a string operand of +) is a fine answer too: only hangs and crashes fail.
          const r = compileModules([{ path: "p.rego", source: `package p\n\nx := ${e}\n` }]);
          if (r.ok)
            try {
              r.program.evalRule(["p", "x"], { nowNs: 0n, budget: { maxSteps: 200_000 } });
            } catch (err) {
              if (!(err instanceof RegoError)) throw err;
            }
        }, 2_000);
      }),
      { numRuns: 60, seed: 14 },
    );
  }, 20_000);
});

// Each hostile body sits in `deny contains msg if { … }` at line 4 of its policy file.
const HOSTILE_DENY: [string, string, RegExp][] = [
  ["nested iteration", "some i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti == j + 100000", /budget of 2000000 steps \(at .*p\.rego:6:2\)/],
  ["numbers.range(1, 1e9)", "count(numbers.range(1, 1000000000)) > 0", /numbers\.range: range of more than 10000000 numbers \(at .*p\.rego:4:8\)/],
  ["concat doubling", `s := ${"d(".repeat(30)}"ab"${")".repeat(30)}\n\tcount(s) > 0`, /budget of 4000000 built elements \(concat\) \(at .*p\.rego:\d+:\d+\)/],
  ["array.concat doubling", `a := ${"da(".repeat(30)}[1, 2]${")".repeat(30)}\n\tcount(a) > 0`, /budget of 4000000 built elements \(array\.concat\) \(at .*p\.rego:\d+:\d+\)/],
];

describe("hostile Rego through scorec check (default budgets, fenced)", () => {
  const score = tmp.write("score.yaml", WORKLOAD);
  it.each(HOSTILE_DENY)("%s: a policy/eval-error finding at the policy line, exit 1", (name, body, reason) => {
    const policy = tmp.write(
      `${name.replace(/\W+/g, "-")}/p.rego`,
      `package main\n\ndeny contains msg if {\n\t${body}\n\tmsg := "never"\n}\n\nd(s) := concat("", [s, s])\n\nda(a) := array.concat(a, a)\n`,
    );
    const r = runFenced(["check", score, "--policy", policy], { timeoutMs: 15_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+policy main\.deny could not be evaluated: eval_budget_exceeded: /);
    expect(r.stdout).toMatch(reason);
    expect(r.stdout + r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  }, 20_000);

  it("policy test: a looping test fails on its own budget, the others run, the summary line still prints", () => {
    const policy = tmp.write(
      "ptest/loop_test.rego",
      "package l\n\ntest_loop if {\n\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti == j + 100000\n}\n\ntest_ok if true\n\ntest_range if count(numbers.range(1, 1000000000)) > 0\n",
    );
    const r = runFenced(["policy", "test", policy], { timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*l\.test_loop .*eval_budget_exceeded: evaluation exceeded the budget of 5000000 steps/);
    expect(r.stdout).toMatch(/FAIL .*l\.test_range .*range of more than 10000000 numbers/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("1 passed, 2 failed");
  }, 25_000);
});
