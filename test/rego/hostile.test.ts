// A hostile policy gets an error, not an out-of-memory crash of the linter or the language server.
import { describe, expect, it } from "vitest";
import { compileModules } from "../../src/rego/index.js";

describe("hostile policies", () => {
  it("numbers.range refuses a range that would exhaust memory", () => {
    const r = compileModules([{ path: "p.rego", source: "package p\n\nx := count(numbers.range(1, 1000000000000))\n" }]);
    if (!r.ok) throw new Error(String(r.errors));
    expect(() => r.program.evalRule(["p", "x"], { strictBuiltinErrors: true })).toThrow(/range of more than/);
    // A budget error even without strict builtin errors: never a quiet undefined (a passing policy).
    expect(() => r.program.evalRule(["p", "x"])).toThrow(/range of more than/);
  });
  it("base64.decode accepts non-zero trailing bits, like OPA", () => {
    const r = compileModules([{ path: "p.rego", source: 'package p\n\nx := base64.decode("YR==")\n' }]);
    if (!r.ok) throw new Error(String(r.errors));
    expect(r.program.evalRule(["p", "x"])).toBe("a");
  });
});
