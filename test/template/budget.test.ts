// A runaway template fails with an error instead of exhausting memory or hanging.
import { describe, expect, it } from "vitest";
import { parseTemplate, TemplateError } from "../../src/template/index.js";

describe("template budgets", () => {
  it("stops a huge range with a positioned error", () => {
    expect(() => parseTemplate("{{ range 100000000000 }}x{{ end }}").execute({})).toThrow(TemplateError);
  });
  it("refuses lists of absurd length", () => {
    expect(() => parseTemplate("{{ until 100000000000 }}").execute({})).toThrow(/more than 1000000 items/);
  });
  it("ordinary templates are unaffected", () => {
    expect(parseTemplate("{{ range until 3 }}{{ . }}{{ end }}").execute({})).toBe("012");
  });
});
