import { describe, expect, it } from "vitest";
import { parseTemplate, TemplateError } from "../../src/template/index.js";
import { errorOf, run } from "./helpers.js";

describe("lexing and trim markers", () => {
  it("passes text through untouched", () => {
    expect(run("plain <b>&amp;</b>\n")).toBe("plain <b>&amp;</b>\n");
  });
  it("trims whitespace including newlines around {{- and -}}", () => {
    expect(run("a  \n\t {{- 1 -}} \n  b")).toBe("a1b");
    expect(run("{{ 23 -}} < {{- 45 }}")).toBe("23<45");
  });
  it("requires a space next to the dash for trimming", () => {
    expect(run("{{-3}}")).toBe("-3");
    expect(run("x {{ -3 }} y")).toBe("x -3 y");
  });
  it("drops comments, honouring trim markers", () => {
    expect(run("a{{/* c */}}b")).toBe("ab");
    expect(run("a \n{{- /* multi\nline */ -}}\n b")).toBe("ab");
  });
  it("allows newlines inside actions", () => {
    expect(run("{{ printf\n  \"%d\"\n  3 }}")).toBe("3");
  });
});

describe("literals", () => {
  it("decodes Go string escapes, raw strings and chars", () => {
    expect(run('{{ "a\\tb\\u00e9\\x41\\101\\"" }}')).toBe('a\tbéAA"');
    expect(run("{{ `raw\\n` }}")).toBe("raw\\n");
    expect(run("{{ 'a' }} {{ '\\n' }}")).toBe("97 10");
  });
  it("parses numbers in Go syntax", () => {
    expect(run("{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ -7 }} {{ 1.5 }}")).toBe("31 15 15 5 1000 -7 1.5");
  });
  it("has bools and nil", () => {
    expect(run("{{ true }} {{ false }} {{ print nil }}")).toBe("true false <nil>");
  });
});

describe("parse errors", () => {
  const cases: [string, string, number, number][] = [
    ["{{ .a ", "unclosed action", 1, 1],
    ["x\n  {{ $y }}", 'undefined variable "$y"', 2, 6],
    ["{{ nosuch 1 }}", 'function "nosuch" not defined', 1, 4],
    ["{{ if 1 }}x", "unexpected EOF", 1, 12],
    ["{{ end }}", "unexpected {{end}}", 1, 4],
    ["{{ else }}", "unexpected {{else}}", 1, 4],
    ["{{ break }}", "{{break}} outside {{range}}", 1, 4],
    ["{{ if }}{{ end }}", "missing value for if", 1, 7],
    ["{{ 1 | 2 }}", "non executable command in pipeline stage 2", 1, 8],
    ['{{ "abc }}', "unterminated quoted string", 1, 4],
    ["{{ .a | }}", "missing command after |", 1, 9],
    ["{{ $x, $y := 1 }}", "too many declarations in command", 1, 6],
    ["{{ (1 }}", "unclosed left paren", 1, 7],
    ["{{ 3x }}", 'bad number syntax: "3x"', 1, 4],
    ["{{ 1.foo }}", "", 1, 4],
  ];
  for (const [src, msg, line, col] of cases) {
    it(`reports ${JSON.stringify(src)}`, () => {
      const e = errorOf(src);
      expect(e).toBeInstanceOf(TemplateError);
      expect(e.phase).toBe("parse");
      expect(e.reason).toContain(msg);
      expect([e.line, e.column]).toEqual([line, col]);
      expect(e.message).toMatch(/^template: t:\d+:\d+: /);
    });
  }
  it("reports the template name", () => {
    expect(() => parseTemplate("{{ .a", { name: "init" })).toThrow(/^template: init:1:1: /);
  });
  it("accepts custom functions at parse time", () => {
    const t = parseTemplate("{{ shout .x }}", { funcs: { shout: (s: string) => s.toUpperCase() + "!" } });
    expect(t.execute({ x: "hi" })).toBe("HI!");
  });
});

describe("else forms", () => {
  it("treats {{else if}} inside range as a nested if needing its own end", () => {
    expect(run("{{ range . }}x{{ else if true }}y{{ end }}{{ end }}", [])).toBe("y");
    expect(() => parseTemplate("{{ range . }}x{{ else if true }}y{{ end }}")).toThrow(/unexpected EOF/);
  });
  it("rejects junk after else", () => {
    expect(() => parseTemplate("{{ if 1 }}{{ else 3 }}{{ end }}")).toThrow(/unexpected "3" in else/);
  });
});
