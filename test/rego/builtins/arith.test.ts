import { describe, expect, it } from "vitest";
import { builtins } from "../../../src/rego/builtins/index.js";
import { call, callErr, callV, set } from "./call.js";

describe("operator builtins", () => {
  it("registers the infix operator names", () => {
    for (const n of ["plus", "minus", "mul", "div", "rem", "equal", "neq", "lt", "lte", "gt", "gte", "and", "or", "count"])
      expect(builtins.has(n), n).toBe(true);
  });
  it("keeps integers exact beyond 2^53", () => {
    expect(callV("plus", 9223372036854775807n, 1)).toBe(9223372036854775808n);
    expect(callV("mul", 18446744073709551617n, 2)).toBe(36893488147419103234n);
    expect(callV("minus", 9007199254740993n, 1)).toBe(9007199254740992n);
    expect(callV("minus", 9007199254740993n, 2)).toBe(9007199254740991);
  });
  it("divides, with exact integer results when even", () => {
    expect(call("div", 6, 2)).toBe(3);
    expect(call("div", 1, 4)).toBe(0.25);
    expect(callErr("div", 1, 0)).toEqual({ message: "div: divide by zero", code: "eval_builtin_error" });
  });
  it("rem needs integers", () => {
    expect(call("rem", 7, 3)).toBe(1);
    expect(call("rem", -7, 3)).toBe(-1);
    expect(callErr("rem", 1.5, 1)?.message).toBe("rem: modulo on floating-point number");
    expect(callErr("rem", 1, 0)?.message).toBe("rem: modulo by zero");
  });
  it("minus and set operators", () => {
    expect(call("minus", set(1, 2, 3), set(2))).toEqual([1, 3]);
    expect(call("and", set(1, 2), set(2, 3))).toEqual([2]);
    expect(call("or", set(1), set(2))).toEqual([1, 2]);
    expect(callErr("plus", "a", 1)).toEqual({ message: "plus: operand 1 must be number but got string", code: "eval_type_error" });
  });
  it("rounds halves away from zero", () => {
    expect(call("round", 2.5)).toBe(3);
    expect(call("round", -2.5)).toBe(-3);
    expect(call("ceil", 1.2)).toBe(2);
    expect(call("floor", -1.2)).toBe(-2);
    expect(call("abs", -3)).toBe(3);
  });
  it("numbers.range and range_step", () => {
    expect(call("numbers.range", 1, 3)).toEqual([1, 2, 3]);
    expect(call("numbers.range", 3, 1)).toEqual([3, 2, 1]);
    expect(call("numbers.range_step", 0, 10, 4)).toEqual([0, 4, 8]);
    expect(callErr("numbers.range_step", 0, 10, 0)?.message).toBe("numbers.range_step: numbers.range_step: step must be a positive integer");
    expect(callErr("numbers.range", 1.5, 2)?.code).toBe("eval_type_error");
  });
  it("bits", () => {
    expect(call("bits.or", 5, 3)).toBe(7);
    expect(call("bits.and", 5, 3)).toBe(1);
    expect(call("bits.xor", 5, 3)).toBe(6);
    expect(call("bits.negate", 5)).toBe(-6);
    expect(call("bits.lsh", 1, 3)).toBe(8);
    expect(call("bits.rsh", 8, 3)).toBe(1);
  });
  it("comparisons use Rego's total order", () => {
    expect(call("lt", 1, "a")).toBe(true);
    expect(call("gte", [1, 2], [1])).toBe(true);
    expect(call("equal", 1, 1.0)).toBe(true);
    expect(call("neq", { a: 1 }, { a: 1 })).toBe(false);
  });
});

describe("aggregates", () => {
  it("count counts code points, members and keys", () => {
    expect(call("count", "åäö")).toBe(3);
    expect(call("count", [1, 2])).toBe(2);
    expect(call("count", { a: 1 })).toBe(1);
    expect(callErr("count", 1)?.message).toBe("count: operand 1 must be one of {array, object, set, string} but got number");
  });
  it("sum/product are exact for big integers (aggregates-bignum)", () => {
    expect(callV("sum", [18446744073709551617n, 1])).toBe(18446744073709551618n);
    expect(callV("product", [18446744073709551617n, 2])).toBe(36893488147419103234n);
    expect(call("sum", [1.5, 2.5])).toBe(4);
    expect(call("sum", set(1, 2, 3))).toBe(6);
  });
  it("max/min undefined on empty; sort orders", () => {
    expect(call("max", [])).toBeUndefined();
    expect(call("max", [1, 3, 2])).toBe(3);
    expect(call("min", set(3, 1))).toBe(1);
    expect(call("sort", [3, "a", 1])).toEqual([1, 3, "a"]);
  });
  it("all/any", () => {
    expect(call("all", [true, true])).toBe(true);
    expect(call("any", set(false, true))).toBe(true);
    expect(call("all", [])).toBe(true);
  });
});
