// Property tests over random hostile input (fast-check): random bytes and random YAML as Score files,
// random `${…}` placeholders through generate, random Rego rules with loops, comprehensions and builtins
// under a budget. Whatever the input, scorec ends with positioned diagnostics or a result: never an
// exception (which the CLI would print as "internal error"), a stack overflow, a hang or a heap blow-up.
// Each sample is timed and the heap checked in process; a batch of the same samples also goes through
// the CLI under the harness's fence (time limit, small heap, peak RSS).
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { generate } from "../../src/api/generate.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { compileModules, RegoError } from "../../src/rego/index.js";
import { runFenced, scratch, withinBounds, withinBoundsAsync, WORKLOAD } from "./harness.js";

const tmp = scratch("random");

/** Every diagnostic names a file and a rule and sits at a real position; none leaks a JS failure. */
function positioned(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).not.toBe("");
    expect(d.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(d.range.start.line).toBeGreaterThanOrEqual(1);
    expect(d.range.start.column).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/Maximum call stack|is not a function|Cannot read properties|is not iterable|\n\s+at /);
  }
}

// ---- random YAML ----

/** YAML tokens that stress the parser and the converter: anchors, aliases, merges, tags, flow, indentation. */
const YAML_NOISE = ["&a ", "*a", "<<: *a\n", "!!binary ", "!!map ", "!custom ", "? ", "- ", "{", "}", "[", "]", ": ", "\t", "\n  ", "'", '"', "#", "|\n", ">-\n", "---\n", "...\n", "%YAML 1.2\n", "\\u0000", "~", "0x1F", ".nan", "${", "\uFEFF"];

const randomBytes = fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b));
const randomText = fc.string({ unit: "grapheme", maxLength: 300 });
/** A valid workload with noise spliced in at random offsets. */
const mutatedWorkload = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...YAML_NOISE)), { minLength: 1, maxLength: 6 }).map((cuts) =>
  cuts.reduce((text, [at, noise]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + noise + text.slice(i);
  }, WORKLOAD),
);
/** A random JSON-like value printed as YAML, under the keys a Score file has and elsewhere. */
const randomDocument = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom("", "containers", "resources", "metadata", "service"))
  .map(([v, key]) => stringify(key === "" ? v : { apiVersion: "score.dev/v1b1", metadata: { name: "web" }, [key]: v }));
const randomScoreFile = fc.oneof(randomBytes, randomText, mutatedWorkload, randomDocument);

describe("random YAML as a Score file", () => {
  it("check ends with positioned diagnostics or none, never an exception", () => {
    fc.assert(
      fc.property(randomScoreFile, (contents) => {
        const r = withinBounds(() => check([{ path: "random.score.yaml", contents }]));
        positioned(r.diagnostics);
      }),
      { numRuns: 150, seed: 1515 },
    );
  }, 30_000);

  it("the same kind of files through `scorec check FOLDER --format json`, fenced", () => {
    const samples = fc.sample(randomScoreFile, { numRuns: 40, seed: 1516 });
    samples.forEach((contents, i) => tmp.write(`yaml/f${String(i).padStart(2, "0")}.score.yaml`, contents));
    // a collection as a key once made the YAML library print "(node:PID) Warning: …" on stderr
    tmp.write("yaml/collection-key.score.yaml", WORKLOAD.replace("metadata:\n", "metadata:\n  ? [a, b]\n  : 1\n"));
    const r = runFenced(["check", "yaml", "--format", "json"], { cwd: tmp.dir, timeoutMs: 15_000 });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1); // some samples are bound to be invalid
    const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: Diagnostic[] }[] };
    expect(out.files.length).toBeGreaterThanOrEqual(samples.length + 1);
    for (const f of out.files) positioned(f.diagnostics.map((d) => ({ ...d, file: f.path })));
  }, 20_000);
});

// ---- random placeholders ----

/** Placeholder bodies from the characters that matter to the placeholder grammar, plus real paths. */
const placeholderBody = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", ".", "$", "{", "}", "\\", "[", "]", "'", '"', " ", "0", "-", "_"), maxLength: 30 }),
  fc.constantFrom("metadata.name", "resources.db.host", "resources.db", "resources.nope.x", "metadata", "containers.main.image", "resources.db.params.x.y", ""),
);
const placeholderValue = fc
  .array(fc.oneof(placeholderBody.map((b) => `\${${b}}`), placeholderBody, fc.constant("$$"), fc.constant("${")), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(""));

function placeholderWorkload(values: string[]): string {
  const q = (s: string) => JSON.stringify(s);
  return (
    `${WORKLOAD}    variables:\n${values.map((v, i) => `      V${i}: ${q(v)}\n`).join("")}` +
    `    files:\n      /etc/x.conf:\n        content: ${q(values.join("|"))}\n` +
    `resources:\n  db:\n    type: postgres\n    params:\n      x: ${q(values[0] ?? "")}\n`
  );
}

describe("random placeholders through generate", () => {
  it("generate resolves them or reports positioned errors, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(placeholderValue, { minLength: 1, maxLength: 5 }), async (values) => {
        const contents = placeholderWorkload(values);
        const r = await withinBoundsAsync(() => generate([{ path: "score.yaml", contents }], { target: "compose", outputDir: tmp.dir, root: tmp.dir }));
        positioned(r.diagnostics);
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        for (const e of errors) expect(e.range.start.line).toBeGreaterThan(6); // on the variables, files or params lines
        if (errors.length === 0) expect(r.artifacts?.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 1517 },
    );
  }, 40_000);

  it("a batch through `scorec generate`, fenced: exit 0 or 1, no stack trace, nothing written on failure", () => {
    const samples = fc.sample(fc.array(placeholderValue, { minLength: 1, maxLength: 5 }), { numRuns: 3, seed: 1518 });
    for (const [i, values] of samples.entries()) {
      const score = tmp.write(`ph/${i}/score.yaml`, placeholderWorkload(values));
      const out = `${tmp.dir}/ph/${i}/out`;
      const r = runFenced(["generate", score, "-o", out], { cwd: tmp.dir });
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      if (r.code === 1) expect(tmp.files(`ph/${i}/out`)).toEqual([]);
    }
  }, 60_000);
});

// ---- random Rego under a budget ----

const BUDGET = { maxSteps: 50_000, maxBuilt: 100_000 };

/** Expressions over numbers, strings and collections, with the builtins and comprehensions policies use. */
const regoExpr = fc.letrec<{ e: string; coll: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -3, max: 1000 }).map(String),
    fc.constantFrom('"ab"', '"(a+)+$"', "input.n", "input.s", "true", "null"),
    fc.tuple(tie("e"), fc.constantFrom("+", "*", "-", "/", "%", "==", "<"), tie("e")).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie("coll").map((c) => `count(${c})`),
    tie("coll").map((c) => `sum([v | some v in ${c}; is_number(v)])`),
    tie("e").map((a) => `sprintf("%v-%v", [${a}, ${a}])`),
    tie("e").map((a) => `regex.match("(a+)+$", sprintf("%v", [${a}]))`),
    tie("e").map((a) => `glob.match("*a*a*c", [], concat("", [sprintf("%v", [${a}]), input.s]))`),
    tie("coll").map((c) => `count(concat(",", [sprintf("%v", [v]) | some v in ${c}]))`),
  ),
  coll: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("[1, 2, 3]", "{1, 2}", '{"a": 1}', "input.xs"),
    fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 200_000 })).map(([a, b]) => `numbers.range(${a}, ${b})`),
    fc.tuple(tie("coll"), tie("coll")).map(([a, b]) => `array.concat([v | some v in ${a}], [w | some w in ${b}])`),
    fc.tuple(tie("coll"), tie("coll")).map(([a, b]) => `[[x, y] | some x in ${a}; some y in ${b}]`),
    fc.tuple(tie("coll"), tie("e")).map(([c, e]) => `{v | some v in ${c}; v != ${e}}`),
    tie("coll").map((c) => `{sprintf("%v", [k]): v | some k, v in ${c}}`),
    tie("coll").map((c) => `sort([v | some v in ${c}; is_number(v)])`),
  ),
}));

/** A rule body: iteration, assignments, comparisons, `every` and `not` over random expressions. */
const regoRule = fc
  .array(
    fc.oneof(
      fc.tuple(regoExpr.coll).map(([c]) => `some v in ${c}`),
      regoExpr.e.map((e) => `y := ${e}`),
      fc.tuple(regoExpr.e, regoExpr.e).map(([a, b]) => `${a} != ${b}`),
      regoExpr.coll.map((c) => `every w in ${c} { w == w }`),
      regoExpr.e.map((e) => `not ${e} == 7`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.map((l, i) => l.replaceAll(/\b(v|y)\b/g, `$1${i}`)).join("\n\t"));

describe("random Rego rules under a budget", () => {
  it("compile errors and evaluation errors are positioned RegoErrors; evaluation ends within the budget", () => {
    const input = { n: 3, s: `${"a".repeat(2000)}b`, xs: [1, "a", [2], { b: 3 }] };
    const seen = { compileErrors: 0, values: 0, budgetHits: 0, otherErrors: 0 };
    fc.assert(
      fc.property(regoRule, (body) => {
        const source = `package p\n\nx if {\n\t${body}\n}\n\nr := count([1 | x])\n`;
        withinBounds(() => {
          const c = compileModules([{ path: "p.rego", source }]);
          if (!c.ok) {
            seen.compileErrors++;
            for (const e of c.errors) expect(e.location?.row, e.message).toBeGreaterThanOrEqual(1);
            return;
          }
          try {
            const v = c.program.evalRule(["p", "r"], { input, nowNs: 0n, budget: BUDGET });
            expect([0, 1]).toContain(v);
            seen.values++;
          } catch (e) {
            if (!(e instanceof RegoError)) throw e;
            if (e.code === "eval_budget_exceeded") seen.budgetHits++;
            else seen.otherErrors++;
            expect(e.location?.file, `${e.code}: ${e.message}`).toBe("p.rego");
            expect(e.location!.row).toBeGreaterThanOrEqual(3);
          }
        }, 4_000);
      }),
      { numRuns: 100, seed: 1519 },
    );
    // the evaluator is what is under test: most rules compile, and both answers (a value, a budget hit) occur
    expect(seen.values + seen.budgetHits + seen.otherErrors).toBeGreaterThan(seen.compileErrors);
    expect(seen.values).toBeGreaterThan(0);
    expect(seen.budgetHits).toBeGreaterThan(0);
  }, 60_000);
});
