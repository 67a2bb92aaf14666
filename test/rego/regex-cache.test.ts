// Compiled regular expressions are shared by every evaluation of the process (src/re2 sharedRegExp): the
// same pattern gives the same matcher, results do not depend on what ran before, the cache stays bounded,
// and a bad pattern is an error every time (failures are not cached).
import { describe, expect, it } from "vitest";
import { compileRE2, RegexSyntaxError } from "../../src/re2/re2.js";
import { compileModules } from "../../src/rego/index.js";

function evalX(source: string, input: unknown): unknown {
  const r = compileModules([{ path: "p.rego", source: `package p\n\n${source}\n` }]);
  if (!r.ok) throw new Error(String(r.errors));
  return r.program.evalRule(["p", "x"], { input, nowNs: 0n });
}

describe("shared compiled regular expressions", () => {
  it("one matcher per pattern, across evaluations", () => {
    expect(compileRE2("^ab+c$")).toBe(compileRE2("^ab+c$"));
    const src = 'x := [regex.match(`^gh[pousr]_[A-Za-z0-9]{3,}$`, v) | some v in input]';
    expect(evalX(src, ["ghp_abc", "nope"])).toEqual([true, false]);
    // A second evaluation reuses the matcher left after a match: its position does not leak.
    expect(evalX(src, ["nope", "ghs_xyz1"])).toEqual([false, true]);
  });

  it("stays bounded and correct past its size, and never caches a failure", () => {
    for (let i = 0; i < 1_200; i++) expect(compileRE2(`^p${i}$`).test(`p${i}`)).toBe(true);
    expect(compileRE2("^p7$").test("p7")).toBe(true);
    expect(compileRE2(`^${"a".repeat(5_000)}$`).test("a".repeat(5_000))).toBe(true);
    for (let i = 0; i < 2; i++) expect(() => compileRE2("(?=a)")).toThrow(RegexSyntaxError);
    expect(evalX('x := regex.is_valid("(?=a)")', null)).toBe(false);
    expect(evalX('x := glob.match("*.rego", [], "a.rego")', null)).toBe(true);
    expect(evalX('x := glob.match("*.rego", [], "a.yaml")', null)).toBe(false);
  });
});
