import { describe, expect, it } from "vitest";
import { translateRE2 } from "../../../src/re2/re2.js";
import { call, callErr } from "./call.js";

describe("regex (Go RE2 on JS RegExp)", () => {
  it("translates RE2-only syntax", () => {
    expect(translateRE2("(?i)abc").flags).toContain("i");
    expect(translateRE2("(?P<x>a)").source).toBe("(?<x>a)");
    expect(call("regex.match", "^abc\\z", "abc")).toBe(true);
    expect(call("regex.match", "(?i)^ABC$", "abc")).toBe(true);
    expect(call("regex.match", "[[:digit:]]+", "a12")).toBe(true);
    expect(call("regex.match", "\\pL", "é")).toBe(true);
    expect(call("regex.match", "a{", "a{")).toBe(true);
  });
  it("rejects what RE2 rejects", () => {
    expect(call("regex.is_valid", "(?=a)")).toBe(false);
    expect(call("regex.is_valid", "(a")).toBe(false);
    expect(call("regex.is_valid", "a+")).toBe(true);
    expect(call("regex.is_valid", 1)).toBe(false);
    expect(callErr("regex.match", "(a", "a")?.message).toMatch(/^regex\.match: error parsing regexp: missing closing \)/);
  });
  it("find_n and submatches", () => {
    expect(call("regex.find_n", "a.", "paranormal", -1)).toEqual(["ar", "an", "al"]);
    expect(call("regex.find_n", "a.", "paranormal", 2)).toEqual(["ar", "an"]);
    expect(call("regex.find_n", "a*", "baaab", -1)).toEqual(["", "aaa", ""]);
    expect(call("regex.find_all_string_submatch_n", "a(x*)b(y)?", "-ab-axxb-", -1)).toEqual([
      ["ab", "", ""],
      ["axxb", "xx", ""],
    ]);
  });
  it("split and replace follow Go", () => {
    expect(call("regex.split", "a", "banana")).toEqual(["b", "n", "n", ""]);
    expect(call("regex.split", "x*", "axbc")).toEqual(["a", "b", "c"]);
    expect(call("regex.replace", "-ab-axxb-", "a(x*)b", "${1}W")).toBe("-W-xxW-");
    expect(call("regex.replace", "abc", "(?P<n>b)", "[$n]")).toBe("a[b]c");
  });
  it("template_match", () => {
    expect(call("regex.template_match", "urn:foo:{.*}", "urn:foo:bar:baz", "{", "}")).toBe(true);
    expect(call("regex.template_match", "urn:foo.bar.com:{.*}", "urn:foo.com:bar:baz", "{", "}")).toBe(false);
  });
});

describe("glob", () => {
  it("matches with OPA's default delimiters", () => {
    expect(call("glob.match", "*.github.com", [], "api.github.com")).toBe(true);
    expect(call("glob.match", "*.github.com", [], "api.cdn.github.com")).toBe(false);
    expect(call("glob.match", "*hub.com", null, "api.cdn.github.com")).toBe(true);
    expect(call("glob.match", "*:github:com", [":"], "api:github:com")).toBe(true);
    expect(call("glob.match", "api.**.com", [], "api.cdn.github.com")).toBe(true);
    expect(call("glob.match", "?at", [], "cat")).toBe(true);
    expect(call("glob.match", "[!a-c]at", [], "cat")).toBe(false);
    expect(call("glob.match", "{cat,bat}", [], "bat")).toBe(true);
    expect(call("glob.match", "[\\]]", [], "]")).toBe(true);
  });
  it("quote_meta", () => {
    expect(call("glob.quote_meta", "*.github.com")).toBe("\\*.github.com");
  });
});

describe("Go semantics corner cases", () => {
  it("`.` matches \\r like Go (JS's does not)", () => {
    expect(call("regex.match", "^a.b$", "a\rb")).toBe(true);
    expect(call("regex.match", "^a.b$", "a\nb")).toBe(false);
    expect(call("regex.match", "(?s)^a.b$", "a\nb")).toBe(true);
  });
  it("empty matches advance by runes, as Go's FindAll", () => {
    expect(call("regex.find_all_string_submatch_n", "(?:)", "café", -1)).toEqual([[""], [""], [""], [""], [""]]);
  });
  it("case mapping is per rune, as Go's strings.ToUpper/ToLower", () => {
    expect(call("upper", "straße")).toBe("STRAßE");
    expect(call("lower", "ΣΑΣ")).toBe("σασ");
  });
  it("glob syntax errors read like OPA's", () => {
    expect(callErr("glob.match", "[abc", [], "a")?.message).toBe("glob.match: syntax error in pattern");
  });
});

describe("regex.replace restarts its search after each match, as OPA does", () => {
  it("re-anchors ^ at every restart", () => {
    expect(call("regex.replace", "aaa", "^a", "b")).toBe("bbb");
    expect(call("regex.replace", "abc", "x*", "-")).toBe("-a-b-c-");
  });
});
