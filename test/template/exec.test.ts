import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../src/template/index.js";
import { errorOf, run } from "./helpers.js";

describe("fields and printing", () => {
  const data = { a: { b: { c: "deep" } }, list: ["x", "y"], m: { z: 1, a: 2 }, n: null, f: 1.5, big: 1e21 };
  it("reads chained fields", () => {
    expect(run("{{ .a.b.c }} {{ $.a.b.c }} {{ (.a).b.c }}", data)).toBe("deep deep deep");
  });
  it("prints maps with sorted keys and slices like Go %v", () => {
    expect(run("{{ .m }} {{ .list }} {{ .a }}", data)).toBe("map[a:2 z:1] [x y] map[b:map[c:deep]]");
  });
  it("prints missing keys and nil as <no value>", () => {
    expect(run("{{ .missing }}|{{ .n }}|{{ .missing.x.y }}", data)).toBe("<no value>|<no value>|<no value>");
  });
  it("prints nil inside collections as <nil>", () => {
    expect(run("{{ .x }}", { x: [null, { k: null }] })).toBe("[<nil> map[k:<nil>]]");
  });
  it("formats floats as Go's %v", () => {
    expect(run("{{ .f }} {{ .big }} {{ .s }}", { f: 1.5, big: 1e21, s: 1e-7 })).toBe("1.5 1e+21 1e-07");
  });
  it("errors on field access through a nil value", () => {
    const e = errorOf("{{ .n.x }}", { n: null });
    expect(e.reason).toBe("nil pointer evaluating interface {}.x");
    expect(e.phase).toBe("exec");
  });
  it("errors on field access on a non-map", () => {
    expect(errorOf("{{ .s.x }}", { s: "str" }).reason).toBe("can't evaluate field x in type string");
  });
  it("does not HTML-escape", () => {
    expect(run("{{ .h }}", { h: "<a href='x'>&</a>" })).toBe("<a href='x'>&</a>");
  });
});

describe("missingkey option", () => {
  it("default/invalid print <no value>", () => {
    expect(run("{{ .x }}", {}, { missingKey: "invalid" })).toBe("<no value>");
  });
  it("zero yields nil (still printed <no value> for interface maps, as in Go)", () => {
    expect(run("{{ .x }}", {}, { missingKey: "zero" })).toBe("<no value>");
    expect(errorOf("{{ .x.y }}", {}, { missingKey: "zero" }).reason).toBe("nil pointer evaluating interface {}.y");
  });
  it("error fails with Go's message", () => {
    expect(errorOf("{{ .x }}", {}, { missingKey: "error" }).reason).toBe('map has no entry for key "x"');
  });
});

describe("if / else if / else", () => {
  const t = "{{ if eq .v 1 }}one{{ else if eq .v 2 }}two{{ else if .v }}many{{ else }}none{{ end }}";
  it.each([
    [1, "one"], [2, "two"], [5, "many"], [0, "none"],
  ])("v=%s", (v, out) => expect(run(t, { v })).toBe(out));
  it("uses Go truthiness", () => {
    const tt = "{{ if . }}T{{ else }}F{{ end }}";
    for (const f of ["", 0, false, null, [], {}]) expect(run(tt, f)).toBe("F");
    for (const v of ["x", 1, -1, 0.5, true, [0], { a: 0 }]) expect(run(tt, v)).toBe("T");
    expect(run("{{ if .nope }}T{{ else }}F{{ end }}", {})).toBe("F");
  });
});

describe("with", () => {
  it("rebinds dot and supports else with / else", () => {
    const t = "{{ with .a }}a={{ . }}{{ else with .b }}b={{ . }}{{ else }}none{{ end }}";
    expect(run(t, { a: 1 })).toBe("a=1");
    expect(run(t, { b: 2 })).toBe("b=2");
    expect(run(t, {})).toBe("none");
  });
  it("keeps $ as the root", () => {
    expect(run("{{ with .a }}{{ $.top }}{{ end }}", { a: 1, top: "T" })).toBe("T");
  });
});

describe("range", () => {
  it("iterates slices with index and element", () => {
    expect(run("{{ range $i, $e := . }}{{ $i }}:{{ $e }} {{ end }}", ["a", "b"])).toBe("0:a 1:b ");
  });
  it("binds the element when one variable is declared", () => {
    expect(run("{{ range $e := . }}{{ $e }}{{ end }}", ["a", "b"])).toBe("ab");
  });
  it("iterates maps in sorted key order", () => {
    expect(run("{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}", { b: 2, c: 3, a: 1 })).toBe("a=1;b=2;c=3;");
    expect(run("{{ range . }}{{ . }}{{ end }}", { b: 2, a: 1 })).toBe("12");
  });
  it("runs else for empty or nil collections", () => {
    const t = "{{ range . }}x{{ else }}empty{{ end }}";
    expect(run(t, [])).toBe("empty");
    expect(run(t, {})).toBe("empty");
    expect(run(t, null)).toBe("empty");
  });
  it("ranges over an integer (Go 1.22)", () => {
    expect(run("{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}")).toBe("012|01");
  });
  it("supports break and continue", () => {
    expect(run("{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}", [1, 2, 3, 4, 5])).toBe("13");
  });
  it("errors on non-iterable values", () => {
    expect(errorOf("{{ range . }}{{ end }}", "str").reason).toBe("range can't iterate over str");
  });
});

describe("variables", () => {
  it("declares, assigns and scopes variables", () => {
    expect(run("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}")).toBe("2");
    expect(() => parseTemplate("{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}")).toThrow(/undefined variable "\$y"/);
  });
  it("scopes range variables per iteration and allows outer assignment", () => {
    expect(run("{{ $last := \"\" }}{{ range . }}{{ $last = . }}{{ end }}{{ $last }}", ["a", "b"])).toBe("b");
  });
  it("keeps variables declared in if/with pipelines until end", () => {
    expect(run("{{ if $v := .a }}{{ $v }}{{ else }}{{ $v }}-else{{ end }}", { a: 0 })).toBe("0-else");
  });
  it("reads fields of variables, including missing ones", () => {
    expect(run("{{ $w := .w }}{{ $w.a }} {{ $w.zz }}", { w: { a: 1 } })).toBe("1 <no value>");
    expect(run("{{ $w := index . \"nope\" }}{{ $w.x }} {{ not $w }}", {})).toBe("<no value> true");
  });
});

describe("pipelines and functions", () => {
  it("passes the piped value as last argument", () => {
    expect(run('{{ "x" | printf "%s-%s" "a" }}')).toBe("a-x");
    expect(run("{{ .a | len | printf \"%03d\" }}", { a: [1, 2] })).toBe("002");
  });
  it("evaluates parenthesised pipelines", () => {
    expect(run("{{ (printf \"%d\" (len .)) }}", [1, 2, 3])).toBe("3");
  });
  it("short-circuits and/or and returns the deciding value", () => {
    expect(run("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" 3 }} {{ or 0 \"\" }}")).toBe("0 2 3 ");
    expect(run("{{ or .a (fail \"not evaluated\") }}", { a: 1 })).toBe("1");
    expect(run("{{ and .a .a.b }}", {})).toBe("<no value>");
  });
  it("implements not and len", () => {
    expect(run("{{ not 0 }} {{ not \"x\" }} {{ len \"héllo\" }} {{ len . }}", { a: 1, b: 2 })).toBe("true false 6 2");
    expect(errorOf("{{ len 3 }}").reason).toBe("error calling len: len of type int");
  });
  it("implements index over maps, slices and nesting", () => {
    const d = { m: { "a.b": { k: [10, 20] } }, l: [[1, 2], [3]] };
    expect(run('{{ index .m "a.b" "k" 1 }} {{ index .l 1 0 }} {{ index .m "zz" }}', d)).toBe("20 3 <no value>");
    expect(errorOf("{{ index .l 5 }}", d).reason).toBe("error calling index: index out of range: 5");
    expect(errorOf("{{ index .m 1 }}", d).reason).toBe("error calling index: value has type int; should be string");
    expect(errorOf("{{ index .nil 1 }}", { nil: null }).reason).toBe("error calling index: index of untyped nil");
  });
  it("uses sprig's slice (lists only), which overrides Go's builtin", () => {
    expect(run("{{ slice .l 1 }} {{ slice .l 0 2 }}", { l: [1, 2, 3] })).toBe("[2 3] [1 2]");
    expect(errorOf("{{ slice .s 1 3 }}", { s: "hello" }).reason).toBe(
      "error calling slice: list should be type of slice or array but string",
    );
  });
  it("reports wrong argument counts and types", () => {
    expect(errorOf('{{ lower "a" "b" }}').reason).toBe("wrong number of args for lower: want 1 got 2");
    expect(errorOf("{{ lower 3 }}").reason).toBe("wrong type for value; expected string; got int");
    expect(errorOf("{{ lower .missing }}").reason).toBe("invalid value; expected string");
    expect(errorOf("{{ .a 1 }}", { a: 1 }).reason).toBe("a is not a method but has arguments");
    expect(errorOf("{{ 1 2 }}").reason).toBe("can't give argument to non-function 1");
  });
  it("calls function values", () => {
    expect(run("{{ call .f 2 3 }}", { f: (a: number, b: number) => a * b })).toBe("6");
  });
  it("escapes with html, js and urlquery", () => {
    expect(run(`{{ html "<a b='c'>&" }}|{{ js "it's <x>" }}|{{ urlquery "a b&c=d/é" }}`)).toBe(
      "&lt;a b=&#39;c&#39;&gt;&amp;|it\\'s \\u003Cx\\u003E|a+b%26c%3Dd%2F%C3%A9",
    );
  });
});

describe("comparison", () => {
  it("compares basic values", () => {
    expect(run('{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1 2 }}')).toBe(
      "true true true true true true false",
    );
  });
  it("treats missing values as unequal rather than erroring in eq/ne", () => {
    expect(run('{{ eq .x "" }} {{ ne .x "a" }}', {})).toBe("false true");
  });
  it("errors on incompatible or invalid types", () => {
    expect(errorOf('{{ eq 1 "1" }}').reason).toBe("error calling eq: incompatible types for comparison");
    expect(errorOf('{{ lt 1 "1" }}').reason).toBe("error calling lt: incompatible types for comparison");
    expect(errorOf("{{ lt true false }}").reason).toBe("error calling lt: invalid type for comparison");
    expect(errorOf("{{ eq .a .a }}", { a: [1] }).reason).toContain("non-comparable type");
  });
});

describe("define / template / block", () => {
  it("executes named templates with a new dot", () => {
    expect(run('{{ define "T" }}<{{ . }}|{{ $ }}>{{ end }}{{ template "T" .x }}{{ template "T" }}', { x: 1 })).toBe("<1|1><<no value>|<no value>>");
  });
  it("block defines and executes in place", () => {
    expect(run('{{ block "B" .x }}[{{ . }}]{{ end }}', { x: "b" })).toBe("[b]");
  });
  it("errors on unknown templates", () => {
    expect(errorOf('{{ template "nope" }}').reason).toContain('no template "nope"');
  });
});

describe("execution errors are positioned", () => {
  it("points at the failing action", () => {
    const e = errorOf("line1\n  {{ if .a }}{{ fail \"custom message\" }}{{ end }}", { a: 1 });
    expect([e.line, e.column]).toEqual([2, 17]);
    expect(e.failMessage).toBe("custom message");
    expect(e.message).toBe('template: t:2:17: executing "t" at <fail>: error calling fail: custom message');
  });
  it("wraps errors thrown by custom functions", () => {
    const t = parseTemplate("{{ boom 1 }}", { funcs: { boom: () => { throw new Error("bad"); } } });
    expect(() => t.execute({})).toThrow(/error calling boom: bad/);
    const t2 = parseTemplate("{{ boom2 }}", { funcs: { boom2: () => new Error("returned") } });
    expect(() => t2.execute({})).toThrow(/error calling boom2: returned/);
  });
  it("lets execute-time funcs override parse-time ones", () => {
    const t = parseTemplate("{{ f }}", { funcs: { f: () => "parse" } });
    expect(t.execute({}, { funcs: { f: () => "exec" } })).toBe("exec");
  });
});

describe("scoping details", () => {
  it("shadows variables inside range without touching the outer one", () => {
    expect(run("{{ $x := 1 }}{{ range . }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", [0])).toBe("21");
  });
  it("declares variables in with", () => {
    expect(run("{{ with $v := .a }}{{ $v }}/{{ . }}{{ end }}", { a: "x" })).toBe("x/x");
  });
  it("assigns range variables with =", () => {
    expect(run("{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = . }}{{ end }}{{ $i }}{{ $e }}", ["a", "b"])).toBe("1b");
  });
  it("handles score-k8s's encodeSecretRef as a caller function", () => {
    const t = parseTemplate('{{ encodeSecretRef (printf "secret-%s" .Guid) "password" }}', {
      funcs: { encodeSecretRef: (n: string, k: string) => `🔐💬${n}_${k}💬🔐` },
    });
    expect(t.execute({ Guid: "g1" })).toBe("🔐💬secret-g1_password💬🔐");
  });
});
