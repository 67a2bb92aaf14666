import { describe, expect, it } from "vitest";
import { call, callErr, set } from "./call.js";

describe("string builtins", () => {
  it("concat over arrays and sets", () => {
    expect(call("concat", ",", ["a", "b"])).toBe("a,b");
    expect(call("concat", "/", set("b", "a"))).toBe("a/b");
    expect(callErr("concat", ",", [1])?.message).toBe("concat: operand 2 must be array of strings but got array containing number");
  });
  it("indexof counts code points", () => {
    expect(call("indexof", "aåäö", "ö")).toBe(3);
    expect(call("indexof", "abc", "x")).toBe(-1);
    expect(call("indexof_n", "sad sad sad", "sad")).toEqual([0, 4, 8]);
    expect(callErr("indexof", "", "")?.message).toBe("indexof: empty search character");
  });
  it("substring (strings corpus)", () => {
    expect(call("substring", "abcdefgh", 2, 10000)).toBe("cdefgh");
    expect(call("substring", "abcdefghåäö", 2, 10000)).toBe("cdefghåäö");
    expect(call("substring", "aaa", 4, -1)).toBe("");
    expect(call("substring", "aåäö", 2, -1)).toBe("äö");
    expect(callErr("substring", "abc", -1, 1)?.message).toBe("substring: negative offset");
  });
  it("format_int truncates toward zero", () => {
    expect(call("format_int", 15.5, 16)).toBe("f");
    expect(call("format_int", -10, 2)).toBe("-1010");
    expect(call("format_int", 3.1, 10)).toBe("3");
  });
  it("trim family", () => {
    expect(call("trim", "  ab  ", " ")).toBe("ab");
    expect(call("trim_left", "xxab", "x")).toBe("ab");
    expect(call("trim_right", "abyy", "y")).toBe("ab");
    expect(call("trim_prefix", "foobar", "foo")).toBe("bar");
    expect(call("trim_suffix", "foobar", "bar")).toBe("foo");
    expect(call("trim_space", "\t hi \n")).toBe("hi");
  });
  it("split, split_n, replace", () => {
    expect(call("split", "a.b", ".")).toEqual(["a", "b"]);
    expect(call("split", "abc", "")).toEqual(["a", "b", "c"]);
    expect(call("strings.split_n", "a.b.c.d", ".", 2)).toEqual(["a", "b"]);
    expect(call("strings.split_n", "a.b.c.d", ".", -2)).toEqual(["c", "d"]);
    expect(call("strings.split_n", "a.b.c.d", ".", 0)).toEqual([]);
    expect(callErr("strings.split_n", "a.b.c", ".", 1.5)).toEqual({
      message: "strings.split_n: operand 3 must be integer number but got floating-point number",
      code: "eval_type_error",
    });
    expect(call("replace", "aaa", "a", "b")).toBe("bbb");
    expect(call("strings.replace_n", { a: "1", b: "2" }, "abc")).toBe("12c");
  });
  it("any_prefix_match / any_suffix_match", () => {
    expect(call("strings.any_prefix_match", ["a/b", "c"], "a/")).toBe(true);
    expect(call("strings.any_suffix_match", "abc", set("x", "bc"))).toBe(true);
    expect(callErr("strings.any_prefix_match", 1, "a")?.message).toBe(
      "strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number",
    );
    expect(callErr("strings.any_suffix_match", [1], "a")?.message).toBe(
      "strings.any_suffix_match: operand 1 must be array of strings but got array containing number",
    );
  });
  it("misc", () => {
    expect(call("strings.reverse", "åbc")).toBe("cbå");
    expect(call("strings.count", "cheese", "e")).toBe(3);
    expect(call("upper", "abc")).toBe("ABC");
    expect(call("lower", "ABC")).toBe("abc");
    expect(call("contains", "abc", "b")).toBe(true);
    expect(call("startswith", "abc", "a")).toBe(true);
    expect(call("endswith", "abc", "c")).toBe(true);
  });
});

describe("sprintf (Go fmt)", () => {
  it("basic verbs", () => {
    expect(call("sprintf", "%s %d %v", ["a", 1, 2.5])).toBe("a 1 2.5");
    expect(call("sprintf", "%.2f", [3.14159])).toBe("3.14");
    expect(call("sprintf", "%5d|%-5d|%05d", [42, 42, 42])).toBe("   42|42   |00042");
    expect(call("sprintf", "%x %X %o %b", [255, 255, 8, 5])).toBe("ff FF 10 101");
    expect(call("sprintf", "%q", ["a\"b"])).toBe('"a\\"b"');
    // OPA passes non-numbers as Go strings (their Rego text), so %t does not apply.
    expect(call("sprintf", "%t %%", [true])).toBe("%!t(string=true) %");
    expect(call("sprintf", "%d", [true])).toBe("%!d(string=true)");
    expect(call("sprintf", "%f", [123456789123456789123n])).toBe("%!f(big.Int=123456789123456789123)");
    expect(call("sprintf", "%e", [1234.5678])).toBe("1.234568e+03");
    expect(call("sprintf", "%g", [0.00001])).toBe("1e-05");
    expect(call("sprintf", "%v", [1234567.5])).toBe("1.2345675e+06");
  });
  it("prints Rego text for composites and OPA's Go-int quirks", () => {
    expect(call("sprintf", "%v", [set(2, 1)])).toBe("{1, 2}");
    expect(call("sprintf", "%v", [{ a: [1, "x"] }])).toBe('{"a": [1, "x"]}');
    expect(call("sprintf", "%s", [true])).toBe("true");
    // Deliberate difference from OPA (README): 3 and 3.00 are the same value here, so %f formats it.
    expect(call("sprintf", "%.2f", [3])).toBe("3.00");
    expect(call("sprintf", "%d", [])).toBe("%!d(MISSING)");
    expect(call("sprintf", "%s", [123456789123456789123n])).toBe("123456789123456789123");
  });
});
