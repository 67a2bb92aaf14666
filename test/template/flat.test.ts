import { describe, expect, it } from "vitest";
import { createKeyedRandom, parseTemplate, TemplateError } from "../../src/template/index.js";

describe("flat templates (text and value actions only)", () => {
  const data = { A: "x", N: 3, M: { k: "v" } };

  it("print, action by action, the text execute prints", () => {
    for (const src of ["", "plain", "{{ .A }}", "a: {{ .A }}\nb: {{ .N | add 1 }}{{/* c */}}-{{ .Missing }}\n", "{{- .A -}}  x  {{ .M }}", "{{ randAlpha 4 }} {{ randAlpha 4 }}"]) {
      const t = parseTemplate(src);
      expect(t.flatTexts, src).toBeDefined();
      const holes = t.executeHoles!(data, { random: createKeyedRandom("s", "k") });
      expect(holes).toHaveLength(t.flatTexts!.length - 1);
      const joined = t.flatTexts!.reduce((s, x, i) => (i === 0 ? x : s + holes[i - 1] + x), "");
      expect(joined, src).toBe(t.execute(data, { random: createKeyedRandom("s", "k") }));
    }
  });

  it("are only those: control flow, variables and nested templates are not flat", () => {
    for (const src of ["{{ if .A }}x{{ end }}", "{{ $x := 1 }}{{ $x }}", "{{ range .M }}{{ . }}{{ end }}", "{{ with .A }}{{ . }}{{ end }}", "{{ define \"t\" }}x{{ end }}{{ template \"t\" }}"]) {
      const t = parseTemplate(src);
      expect(t.flatTexts, src).toBeUndefined();
      expect(t.executeHoles, src).toBeUndefined();
    }
  });

  it("fail as execute fails, with the same positioned error", () => {
    const t = parseTemplate("a: {{ .A }}\nb: {{ fail \"no\" }}\n");
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const a = err(() => t.execute(data)) as TemplateError;
    const b = err(() => t.executeHoles!(data)) as TemplateError;
    expect(b).toBeInstanceOf(TemplateError);
    expect({ ...b, message: b.message }).toEqual({ ...a, message: a.message });
  });
});
