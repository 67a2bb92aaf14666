// Hostile policies end on a budget error, in bounded time and memory: nested iteration, huge ranges,
// string/array doubling. A budget hit is an error (never an undefined that reads as "no violation").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModules, RegoError } from "../../src/rego/index.js";

// Budgets smaller than the defaults keep each case well inside its time limit on a loaded CI machine;
// the mechanisms are the same ones the defaults drive.
function evalX(source: string, maxSteps = 500_000, maxBuilt = 1_000_000): unknown {
  const r = compileModules([{ path: "p.rego", source: `package p\n\n${source}\n` }]);
  if (!r.ok) throw new Error(String(r.errors));
  return r.program.evalRule(["p", "x"], { nowNs: 0n, budget: { maxSteps, maxBuilt } });
}

function budgetError(source: string): RegoError {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let err: unknown;
  try {
    evalX(source);
  } catch (e) {
    err = e;
  }
  expect(performance.now() - t0).toBeLessThan(5_000);
  expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(512 * 1024 * 1024);
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
        const t0 = performance.now();
        // A compile-time type error (a string operand of +) is a fine answer too: only hangs and crashes fail.
        const r = compileModules([{ path: "p.rego", source: `package p\n\nx := ${e}\n` }]);
        if (r.ok)
          try {
            r.program.evalRule(["p", "x"], { nowNs: 0n, budget: { maxSteps: 200_000 } });
          } catch (err) {
            if (!(err instanceof RegoError)) throw err;
          }
        return performance.now() - t0 < 2_000;
      }),
      { numRuns: 60, seed: 14 },
    );
  }, 20_000);
});
