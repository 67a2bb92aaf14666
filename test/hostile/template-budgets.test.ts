// Provisioner templates under budget: nested ranges (even with empty bodies), `replace`/`repeat`
// amplification, lists doubled until printing or toJson explodes, values nested too deeply. Every hit is
// a positioned error naming the provisioner file and line, the run fails, nothing is written; and it all
// ends in seconds under a small heap.
import fc from "fast-check";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplate, TemplateError } from "../../src/template/index.js";
import { runFenced, scratch, withinBounds } from "./harness.js";

const tmp = scratch("tpl");
const score = tmp.write(
  "score.yaml",
  "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n      X: ${resources.thing.v}\nresources:\n  thing:\n    type: thing\n",
);

/** A provisioner file whose `outputs` template is `v: x` then `body` on line 5 of the file. */
function provisioner(name: string, body: string): string {
  return tmp.write(`${name}.provisioners.yaml`, `- uri: template://hostile\n  type: thing\n  outputs: |\n    v: x\n    ${body}\n`);
}

const HOSTILE: [string, string, RegExp][] = [
  ["nested range, empty body", "{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}", /budget of \d+ steps/],
  ["nested range with a body", "{{ range until 100000 }}{{ range until 100000 }}{{ if false }}{{ end }}{{ end }}{{ end }}", /budget of \d+ steps/],
  ["replace amplification", `z: {{ "${"a".repeat(32)}" | replace "a" "${"a".repeat(60)}" | replace "a" "${"a".repeat(60)}" | replace "a" "${"a".repeat(60)}" | replace "a" "${"a".repeat(60)}" | len }}`, /replace would build a string of \d+ characters, over the template budget/],
  ["repeat", `z: {{ repeat 1000000000 "abcdefgh" | len }}`, /repeat would build a string/],
  ["doubling printed", "z: {{ $x := list 1 }}{{ range until 60 }}{{ $x = list $x $x }}{{ end }}{{ $x }}", /printing a value would build a string/],
  ["doubling toJson", "z: {{ $x := list 1 }}{{ range until 60 }}{{ $x = list $x $x }}{{ end }}{{ $x | toJson | len }}", /toJson would build a string/],
  ["deep toJson", "z: {{ $x := list 1 }}{{ range until 5000 }}{{ $x = list $x }}{{ end }}{{ $x | toJson | len }}", /nested too deeply \(more than \d+ levels\)/],
  ["deep printing", "z: {{ $x := list 1 }}{{ range until 5000 }}{{ $x = list $x }}{{ end }}{{ $x }}", /nested too deeply to print/],
  ["cat doubling", `z: {{ $s := "ab" }}{{ range until 60 }}{{ $s = cat $s $s }}{{ end }}{{ $s | len }}`, /cat built a string of \d+ characters/],
];

describe("template budgets through scorec generate", () => {
  it.each(HOSTILE)("%s: fails the run at the provisioner line, nothing written", (name, body, reason) => {
    const prov = provisioner(name.replace(/\W+/g, "-"), body);
    const out = join(tmp.dir, `out-${name.replace(/\W+/g, "-")}`);
    const r = runFenced(["generate", score, "-o", out, "--provisioners", prov], { timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).toContain(`.provisioners.yaml:5) failed for resource "thing"`);
    expect(r.stderr).not.toContain("Maximum call stack");
    expect(existsSync(out)).toBe(false);
  });
});

describe("template budgets in process", () => {
  it("random nestings of ranges always end within the step budget", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 4 }), (counts) => {
        const src = counts.map((n) => `{{ range ${n} }}`).join("") + counts.map(() => "{{ end }}").join("");
        withinBounds(() => {
          try {
            parseTemplate(src).execute({});
          } catch (e) {
            expect(e).toBeInstanceOf(TemplateError);
            expect((e as Error).message).toMatch(/budget of \d+ steps/);
          }
        }, 3_000, 128);
      }),
      { numRuns: 8 },
    );
  });

  it("toJson's lenient form does not hide a budget hit as an empty string", () => {
    expect(() => parseTemplate("{{ $x := list 1 }}{{ range until 2000 }}{{ $x = list $x }}{{ end }}{{ $x | toJson }}").execute({})).toThrow(/nested too deeply/);
  });

  it("ordinary templates are unaffected", () => {
    expect(parseTemplate('{{ "abc" | replace "b" "xyz" }} {{ list 1 (dict "a" 2) | toJson }} {{ repeat 3 "ab" }}').execute({})).toBe('axyzc [1,{"a":2}] ababab');
  });
});
