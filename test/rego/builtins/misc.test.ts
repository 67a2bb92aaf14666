import { describe, expect, it } from "vitest";
import { builtins } from "../../../src/rego/builtins/index.js";
import { call, callErr, set } from "./call.js";

describe("crypto (pure TS digests)", () => {
  it("matches standard test vectors", () => {
    expect(call("crypto.sha256", "abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(call("crypto.sha1", "abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(call("crypto.md5", "abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(call("crypto.md5", "")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(call("crypto.sha256", "a".repeat(1000))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
    expect(call("crypto.hmac.sha256", "The quick brown fox jumps over the lazy dog", "key")).toBe(
      "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
    expect(call("crypto.hmac.equal", "a", "a")).toBe(true);
  });
});

describe("uuid", () => {
  it("rfc4122 is deterministic and version-4 shaped", () => {
    const a = call("uuid.rfc4122", "1") as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call("uuid.rfc4122", "1")).toBe(a);
    expect(call("uuid.rfc4122", "2")).not.toBe(a);
  });
  it("parse (regorus uuid cases)", () => {
    expect(call("uuid.parse", "b01d0062-a116-11ee-822b-7ab0b9e5e0c0")).toEqual({
      clocksequence: 555,
      macvariables: "local:unicast",
      nodeid: "7a-b0-b9-e5-e0-c0",
      time: 1703282931110717000n,
      variant: "RFC4122",
      version: 1,
    });
    expect(call("uuid.parse", "017F22E2-79B0-7CC3-98C4-DC0C0C07398F")).toEqual({ variant: "RFC4122", version: 7, time: 1645557742000000000n });
    expect(call("uuid.parse", "not-valid")).toBeUndefined();
  });
});

describe("semver", () => {
  it("validates and compares", () => {
    expect(call("semver.is_valid", "1.0.0-rc.1+build")).toBe(true);
    expect(call("semver.is_valid", "v1.0.0")).toBe(true); // OPA drops a leading "v"
    expect(call("semver.is_valid", "1.0")).toBe(false);
    expect(call("semver.is_valid", 1)).toBe(false);
    expect(call("semver.compare", "1.0.0-alpha", "1.0.0")).toBe(-1);
    expect(call("semver.compare", "1.0.0-alpha.10", "1.0.0-alpha.2")).toBe(1);
    expect(call("semver.compare", "1.0.0+a", "1.0.0+b")).toBe(0);
    expect(callErr("semver.compare", "x", "1.0.0")?.message).toBe('semver.compare: operand 1: string "x" is not a valid SemVer');
  });
});

describe("net", () => {
  it("cidr_contains / intersects / is_valid", () => {
    expect(call("net.cidr_contains", "10.0.0.0/8", "10.1.2.3")).toBe(true);
    expect(call("net.cidr_contains", "10.0.0.0/8", "11.0.0.0/24")).toBe(false);
    expect(call("net.cidr_contains", "2001:db8::/32", "2001:db8:1::1")).toBe(true);
    expect(call("net.cidr_intersects", "192.168.0.0/16", "192.168.1.0/24")).toBe(true);
    expect(call("net.cidr_is_valid", "10.0.0.0/33")).toBe(false);
    expect(callErr("net.cidr_contains", "nope", "10.0.0.1")?.message).toBe("net.cidr_contains: invalid CIDR address: nope");
  });
  it("expand and merge", () => {
    expect(call("net.cidr_expand", "192.168.0.0/31")).toEqual(["192.168.0.0", "192.168.0.1"]);
    expect(call("net.cidr_merge", ["192.0.128.0/24", "192.0.129.0/24"])).toEqual(["192.0.128.0/23"]);
    expect(call("net.cidr_merge", set("10.0.0.0/8", "10.1.0.0/16"))).toEqual(["10.0.0.0/8"]);
  });
});

describe("objects, arrays, sets, types, casts, walk", () => {
  it("object.get with keys and paths", () => {
    expect(call("object.get", { a: { b: [1, 2] } }, ["a", "b", 1], "d")).toBe(2);
    expect(call("object.get", { a: 1 }, "x", "d")).toBe("d");
    expect(call("object.get", { a: 1 }, [], "d")).toEqual({ a: 1 });
  });
  it("union, remove, filter, keys, subset", () => {
    expect(call("object.union", { a: { b: 1, c: 2 } }, { a: { b: 3 } })).toEqual({ a: { b: 3, c: 2 } });
    expect(call("object.union_n", [{ a: 1 }, { b: 2 }, { a: 3 }])).toEqual({ a: 3, b: 2 });
    expect(callErr("object.union", {}, [])?.message).toBe("object.union: operand 2 must be object but got array");
    expect(call("object.remove", { a: 1, b: 2 }, ["a"])).toEqual({ b: 2 });
    expect(call("object.filter", { a: 1, b: 2 }, set("a"))).toEqual({ a: 1 });
    expect(call("object.keys", { a: 1, b: 2 })).toEqual(["a", "b"]);
    expect(call("object.subset", { a: 1, b: { c: set(1, 2) } }, { b: { c: set(1) } })).toBe(true);
    expect(call("object.subset", [1, 2, 3], [2, 3])).toBe(true);
    expect(call("object.subset", [1, 2, 3], [1, 3])).toBe(false);
  });
  it("arrays and sets", () => {
    expect(call("array.concat", [1], [2])).toEqual([1, 2]);
    expect(call("array.slice", [1, 2, 3], -5, 2)).toEqual([1, 2]);
    expect(call("array.slice", [1, 2, 3], 2, 1)).toEqual([]);
    expect(call("array.reverse", [1, 2])).toEqual([2, 1]);
    expect(call("array.flatten", [[1], 2, [[3]]])).toEqual([1, 2, [3]]);
    expect(call("intersection", set(set(1, 2), set(2, 3)))).toEqual([2]);
    expect(call("union", set(set(1), set(2)))).toEqual([1, 2]);
  });
  it("types and to_number", () => {
    expect(call("type_name", set())).toBe("set");
    expect(call("is_number", 1)).toBe(true);
    expect(call("is_string", 1)).toBe(false);
    expect(call("to_number", "3.5")).toBe(3.5);
    expect(call("to_number", true)).toBe(1);
    expect(call("to_number", null)).toBe(0);
    expect(callErr("to_number", "broken")?.message).toContain("invalid syntax");
    expect(callErr("to_number", "inf")?.code).toBe("eval_type_error");
  });
  it("walk is a relation in pre-order", () => {
    expect(builtins.get("walk")!.relation).toBe(true);
    expect(call("walk", { b: [1], a: 2 })).toEqual([
      [[], { a: 2, b: [1] }],
      [["a"], 2],
      [["b"], [1]],
      [["b", 0], 1],
    ]);
  });
  it("every builtin declares operand types matching its arity", () => {
    for (const [name, d] of builtins) {
      expect(d.name).toBe(name);
      expect(Array.isArray(d.args)).toBe(true);
    }
  });
});

describe("graph, globs_match, render_template", () => {
  it("graph.reachable reports known nodes only", () => {
    const g = { a: ["b"], b: ["c"], c: [], d: ["a"] };
    expect(call("graph.reachable", g, ["a"])).toEqual(["a", "b", "c"]);
    expect(call("graph.reachable", g, set("x"))).toEqual([]);
    expect(call("graph.reachable_paths", { a: ["b"], b: [] }, ["a"])).toEqual([["a", "b"]]);
  });
  it("regex.globs_match decides intersection", () => {
    expect(call("regex.globs_match", "a*b", "a*b")).toBe(true);
    expect(call("regex.globs_match", ".*", "a.b")).toBe(true);
    expect(call("regex.globs_match", "[a-c]+", "[b-d]+")).toBe(true);
    expect(call("regex.globs_match", "[a-c]", "[d-f]")).toBe(false);
    expect(call("regex.globs_match", "a+", "a*")).toBe(true);
    expect(callErr("regex.globs_match", "[abc", "a")?.message).toBe(
      "regex.globs_match: input:[abc, pos:4, found [ without matching ]: the input provided is invalid",
    );
  });
  it("strings.render_template", () => {
    expect(call("strings.render_template", "{{.test}}-{{range .xs}}{{.}}{{end}}", { test: "hi", xs: [1, 2] })).toBe("hi-12");
    expect(callErr("strings.render_template", "{{.missing}}", {})?.code).toBe("eval_builtin_error");
  });
});

describe("sha512 / hmac.sha512", () => {
  it("matches RFC 4231 test case 2", () => {
    expect(call("crypto.hmac.sha512", "what do ya want for nothing?", "Jefe")).toBe(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    );
  });
});

describe("io.jwt (HS256)", () => {
  it("encode_sign / decode / decode_verify round trip", () => {
    const key = { kty: "oct", k: call("base64url.encode_no_pad", "secret") };
    const token = call("io.jwt.encode_sign", { alg: "HS256" }, { sub: "alice" }, key) as string;
    expect(token.split(".")).toHaveLength(3);
    expect(call("io.jwt.decode", token)).toEqual([{ alg: "HS256" }, { sub: "alice" }, expect.any(String)]);
    expect(call("io.jwt.verify_hs256", token, "secret")).toBe(true);
    expect(call("io.jwt.verify_hs256", token, "nope")).toBe(false);
    expect(call("io.jwt.decode_verify", token, { secret: "secret", alg: "HS256" })).toEqual([true, { alg: "HS256" }, { sub: "alice" }]);
    expect(call("io.jwt.decode_verify", token, { secret: "x" })).toEqual([false, {}, {}]);
  });
});

describe("sha384 via HS384 JWT", () => {
  it("round-trips HS384 and HS512 tokens", () => {
    for (const alg of ["HS384", "HS512"]) {
      const key = { kty: "oct", k: call("base64url.encode_no_pad", "k") };
      const token = call("io.jwt.encode_sign", { alg }, { a: 1 }, key) as string;
      expect(call(`io.jwt.verify_${alg.toLowerCase()}`, token, "k")).toBe(true);
    }
  });
  it("sha384 matches the FIPS 180-2 'abc' vector", async () => {
    const { sha384 } = await import("../../../src/hash/digests.js");
    const { hexEncode, utf8 } = await import("../../../src/rego/builtins/bytes.js");
    expect(hexEncode(sha384(utf8("abc")))).toBe(
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    );
  });
});

describe("net.cidr_contains_matches", () => {
  it("pairs the indices of containing and contained entries", () => {
    expect(call("net.cidr_contains_matches", ["1.1.1.0/24", "1.1.2.0/24"], "1.1.1.128")).toEqual([[0, "1.1.1.128"]]);
    expect(call("net.cidr_contains_matches", { a: ["1.1.0.0/16", "x"] }, set("1.1.2.3"))).toEqual([["a", "1.1.2.3"]]);
    expect(callErr("net.cidr_contains", "1.1.1.0/24", "zzz")?.message).toBe(
      "net.cidr_contains: not a valid textual representation of an IP address or CIDR: zzz",
    );
  });
});

describe("graph.reachable_paths follows OPA's commits", () => {
  it("commits at leaves, at unknown nodes (excluded) and at cycles", () => {
    const g = { a: ["b", "x"], b: ["a"] };
    expect(call("graph.reachable_paths", g, ["a"])).toEqual([["a"], ["a", "b"]]);
    expect(call("graph.reachable_paths", { a: [] }, ["a"])).toEqual([["a"]]);
  });
});
