// Catastrophic regular expressions end in linear time: Rego's regex.*, glob.match and sprig's regex*
// run on re2js (RE2 semantics), never on JavaScript's backtracking RegExp.
import { describe, expect, it } from "vitest";
import { compileModules } from "../../src/rego/index.js";
import { run as execTemplate } from "../template/helpers.js";
import { runFenced, scratch, withinBounds, WORKLOAD } from "./harness.js";

const tmp = scratch("regex");

const evil = "a".repeat(30_000) + "b";

function evalRego(expr: string): unknown {
  const r = compileModules([{ path: "p.rego", source: `package p\n\nx := ${expr}\n` }]);
  if (!r.ok) throw new Error(String(r.errors));
  return r.program.evalRule(["p", "x"], { input: { s: evil }, nowNs: 0n });
}


describe("hostile regular expressions", () => {
  it.each([
    ['regex.match("(a+)+$", input.s)', false],
    ['regex.match("^(a|aa)*$", input.s)', false],
    ['regex.match("(a*)*b$", input.s)', true],
    ['count(regex.find_n("(a+)+c", input.s, -1))', 0],
    ['count(regex.find_all_string_submatch_n("(a|a)+$", input.s, -1))', 0],
    ['count(regex.split("(a+)+c", input.s))', 1],
    ['glob.match("*a*a*a*a*a*a*a*a*c", [], input.s)', false],
    ['glob.match("**a**a**a**a**a**c", ["."], input.s)', false],
  ])("%s is answered in linear time", (expr, want) => {
    expect(withinBounds(() => evalRego(expr), 3_000, 128)).toBe(want);
  }, 5_000);

  it("sprig's regexMatch / regexFindAll in a template are linear too", () => {
    const value = withinBounds(() => execTemplate('{{ regexMatch "(a+)+$" .s }} {{ len (regexFindAll "(a|aa)+c" .s -1) }}', { s: evil }), 3_000, 128);
    expect(value).toBe("false 0");
  }, 5_000);

  it("keeps Go semantics: leftmost-first, named groups, code points, ASCII \\s", () => {
    expect(evalRego('regex.find_n("a|ab", "ab", -1)')).toEqual(["a"]);
    expect(evalRego('regex.replace("x-é-y", "(?P<c>é)", "[${c}]")')).toBe("x-[é]-y");
    expect(evalRego('regex.find_n(".", "😀x", -1)')).toEqual(["😀", "x"]);
    expect(evalRego('regex.match("^\\\\s$", "\\u00a0")')).toBe(false);
    expect(() => evalRego('regex.is_valid("(?=a)")')).not.toThrow();
    expect(evalRego('regex.is_valid("(?=a)")')).toBe(false);
  });
});

describe("hostile regular expressions through the CLI (fenced)", () => {
  it("a policy with regex.match, regex.find_n and glob.match on catastrophic patterns: answered in the fence", () => {
    const score = tmp.write("score.yaml", WORKLOAD.replace("name: web", `name: web\n  annotations:\n    text: ${evil}`));
    const policy = tmp.write(
      "p.rego",
      [
        "package main",
        'deny contains "regex.match" if regex.match("(a+)+$", input.metadata.annotations.text)',
        'deny contains "regex.find_n" if count(regex.find_n("(a|aa)+c", input.metadata.annotations.text, -1)) > 0',
        'deny contains "glob.match" if glob.match("*a*a*a*a*a*a*a*a*c", [], input.metadata.annotations.text)',
        '# the rules did run: this one matches\ndeny contains "evaluated" if regex.match("^a+b$", input.metadata.annotations.text)',
        "",
      ].join("\n\n"),
    );
    const r = runFenced(["check", score, "--policy", policy]);
    expect(r.stdout + r.stderr).toContain("1 policy rule from 1 policy file");
    expect(r.stdout).toMatch(/✖ 1 problem \(1 error/);
    expect(r.stdout).toMatch(/error\s+evaluated\s/);
    expect(r.code).toBe(1);
  });

  it("a provisioner template with sprig regexMatch / regexReplaceAll on catastrophic patterns", () => {
    const score = tmp.write("tpl/score.yaml", `${WORKLOAD}    variables:\n      X: \${resources.thing.v}\nresources:\n  thing:\n    type: thing\n`);
    const prov = tmp.write(
      "tpl/x.provisioners.yaml",
      `- uri: template://regex\n  type: thing\n  outputs: |\n    v: '{{ $s := "${evil}" }}{{ regexMatch "(a+)+$" $s }}-{{ regexReplaceAll "(a|aa)+c" $s "x" | len }}'\n`,
    );
    const r = runFenced(["generate", score, "-o", "-", "--provisioners", prov]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("X: false-30001");
  });
});
