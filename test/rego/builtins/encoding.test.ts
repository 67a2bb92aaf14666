import { describe, expect, it } from "vitest";
import { call, callErr, callV, set } from "./call.js";

describe("json", () => {
  it("marshal sorts keys, HTML-escapes like Go, and keeps big integers", () => {
    expect(call("json.marshal", { b: 1, a: [set(2, 1)] })).toBe('{"a":[[1,2]],"b":1}');
    expect(call("json.marshal", "<&>")).toBe('"\\u003c\\u0026\\u003e"');
    expect(call("json.marshal", 1000000000)).toBe("1000000000");
  });
  it("marshal_with_options", () => {
    expect(call("json.marshal_with_options", { a: [1] }, { pretty: true })).toBe('{\n\t"a": [\n\t\t1\n\t]\n}');
    expect(call("json.marshal_with_options", { a: 1 }, { indent: "  ", prefix: "> " })).toBe('> {\n>   "a": 1\n> }');
    expect(callErr("json.marshal_with_options", {}, { bogus: 1 })).toEqual({
      message: "json.marshal_with_options: operand 2 object contained unknown key bogus",
      code: "eval_type_error",
    });
    expect(call("json.marshal_with_options", { a: 1 }, { pretty: false, indent: "  " })).toBe('{"a":1}');
  });
  it("unmarshal keeps integers exact", () => {
    expect(callV("json.unmarshal", "123456789012345678901234")).toBe(123456789012345678901234n);
    expect(call("json.unmarshal", '{"a":[1,2.5,null,true]}')).toEqual({ a: [1, 2.5, null, true] });
    expect(callErr("json.unmarshal", "{")?.code).toBe("eval_builtin_error");
    expect(call("json.is_valid", "[1,")).toBe(false);
    expect(call("json.is_valid", "[1]")).toBe(true);
  });
  it("filter and remove (jsonfilter / jsonremove corpus)", () => {
    expect(call("json.filter", { a: [{ b: 7, c: 8 }, { d: 9 }] }, set("a/0/b", "a/1"))).toEqual({ a: [{ b: 7 }, { d: 9 }] });
    expect(call("json.filter", { a: { b: { c: 7, d: 8, x: 0 } }, e: 9 }, set("a/b/d", ["a", "b", "c"]))).toEqual({ a: { b: { c: 7, d: 8 } } });
    expect(call("json.remove", { a: [{ b: 7, c: 8 }, { d: 9 }] }, set("a/0/b", "a/1"))).toEqual({ a: [{ c: 8 }] });
    expect(call("json.remove", { a: { b: 7 }, c: 1 }, set("a", "c"))).toEqual({});
    expect(callErr("json.remove", "x", set("a"))?.message).toBe("json.remove: operand 1 must be object but got string");
    expect(callErr("json.remove", {}, 1)?.message).toBe("json.remove: operand 2 must be one of {set, array} but got number");
    expect(callErr("json.remove", {}, [{}])?.message).toBe(
      "json.remove: operand 2 must be one of {set, array} containing string paths or array of path segments but got object",
    );
  });
  it("patch", () => {
    expect(call("json.patch", { a: 1 }, [{ op: "add", path: "/b", value: 2 }])).toEqual({ a: 1, b: 2 });
    expect(call("json.patch", { a: [1, 2] }, [{ op: "remove", path: "/a/0" }])).toEqual({ a: [2] });
    expect(call("json.patch", { a: 1 }, [{ op: "test", path: "/a", value: 2 }])).toBeUndefined();
    expect(call("json.patch", { a: 1 }, [{ op: "move", from: "/a", path: "/b" }])).toEqual({ b: 1 });
  });
});

describe("yaml, base64, hex, urlquery", () => {
  it("yaml", () => {
    expect(call("yaml.marshal", { b: [1, "x"], a: true })).toBe("a: true\nb:\n- 1\n- x\n");
    expect(call("yaml.marshal", { a: "true", b: "", k: "a: b", m: 12345678901234567890n, yes: "x" })).toBe(
      'a: "true"\nb: ""\nk: \'a: b\'\nm: 12345678901234567890\n"yes": x\n',
    );
    expect(call("yaml.unmarshal", "a: 1\nb: [x, z]\n")).toEqual({ a: 1, b: ["x", "z"] });
    // YAML 1.1 as Go's yaml.v2: yes/on are booleans, 0777 is octal, dates become RFC 3339 strings.
    expect(call("yaml.unmarshal", "a: yes\nb: 0777\nd: 2001-12-14\n")).toEqual({ a: true, b: 511, d: "2001-12-14T00:00:00Z" });
    expect(call("yaml.is_valid", "a: [")).toBe(false);
    expect(call("yaml.is_valid", "a: 1")).toBe(true);
  });
  it("base64", () => {
    expect(call("base64.encode", "hello")).toBe("aGVsbG8=");
    expect(call("base64.decode", "aGVsbG8=")).toBe("hello");
    expect(call("base64.is_valid", "aGVsbG8")).toBe(false);
    expect(call("base64url.encode", "\u00ff\u00fe")).toBe("w7_Dvg==");
    expect(call("base64url.encode_no_pad", "hello")).toBe("aGVsbG8");
    expect(call("base64url.decode", "aGVsbG8")).toBe("hello");
  });
  it("hex", () => {
    expect(call("hex.encode", "abc")).toBe("616263");
    expect(call("hex.decode", "616263")).toBe("abc");
    expect(callErr("hex.decode", "6")?.message).toBe("hex.decode: encoding/hex: odd length hex string");
  });
  it("urlquery", () => {
    expect(call("urlquery.encode", "a b&c=d/é")).toBe("a+b%26c%3Dd%2F%C3%A9");
    expect(call("urlquery.decode", "a+b%26c")).toBe("a b&c");
    expect(call("urlquery.encode_object", { b: ["2", "1"], a: "x y" })).toBe("a=x+y&b=2&b=1");
    expect(call("urlquery.decode_object", "a=1&a=2&b=x+y")).toEqual({ a: ["1", "2"], b: ["x y"] });
  });
});
