// The Score placeholder rules, one by one.
import { describe, expect, it } from "vitest";
import { parsePlaceholders } from "../../src/placeholders/parse-placeholders.js";
import { substitute, substitutionErrors } from "../../src/placeholders/substitute.js";
import { check } from "../../src/index.js";

const values: Record<string, unknown> = { "metadata.name": "web", "resources.db.host": "pg", "resources.db.port": 5432, "resources.cfg.map": { a: 1 }, "metadata.a.b": "dotted-key" };
const resolve = (ref: { path: string[] }) => {
  const k = ref.path.join(".");
  return k in values ? { value: values[k] } : { error: `unknown ${k}` };
};
const sub = (s: string) => substitute(s, resolve);

describe("placeholder substitution", () => {
  it("replaces metadata and resource references", () => {
    expect(sub("host=${resources.db.host} name=${metadata.name}").value).toBe("host=pg name=web");
  });
  it("turns $$ into $ and $${x} into ${x}", () => {
    expect(sub("cost: $$5").value).toBe("cost: $5");
    expect(sub("literal $${resources.db.host}").value).toBe("literal ${resources.db.host}");
    expect(sub("$$$${metadata.name}").value).toBe("$${metadata.name}");
  });
  it("leaves a lone $ untouched", () => {
    expect(sub("a $ b $x $").value).toBe("a $ b $x $");
  });
  it("inserts non-string values as JSON", () => {
    expect(sub("port=${resources.db.port}").value).toBe("port=5432");
    expect(sub("${resources.cfg.map}").value).toBe('{"a":1}');
  });
  it("\\. escapes a dot inside a key", () => {
    expect(parsePlaceholders("${metadata.annotations.example\\.com/team}").segments[0]).toMatchObject({ path: ["metadata", "annotations", "example.com/team"] });
  });
  it("reports an unresolvable reference at its offsets, never an empty string", () => {
    const r = sub("x=${resources.db.hots}!");
    expect(r.errors).toEqual([{ message: "unknown resources.db.hots", start: 2, end: 22, raw: "${resources.db.hots}" }]);
  });
  it("reports unterminated and malformed placeholders", () => {
    expect(sub("${metadata.name").errors[0]!.message).toMatch(/unterminated placeholder/);
    expect(sub("${}").errors[0]!.message).toMatch(/malformed placeholder/);
    expect(sub("${metadata..name}").errors[0]!.message).toMatch(/malformed placeholder/);
  });
  it("substitutionErrors gives exactly the errors substitute gives", () => {
    for (const s of ["", "plain", "x=${resources.db.hots}!", "${metadata.name", "${} $${x} ${metadata..name} ${resources.db.host}", "${a}${b}"])
      expect(substitutionErrors(s, resolve)).toEqual(sub(s).errors);
  });
  it("parses a string the same however often it is seen, past the cache's size and length bounds", () => {
    const first = parsePlaceholders("a ${metadata.name} $$ b");
    expect(parsePlaceholders("a ${metadata.name} $$ b")).toEqual(first);
    expect(first.segments.map((s) => s.kind)).toEqual(["text", "ref", "text"]);
    for (let i = 0; i < 5000; i++) expect(sub(`v${i}-\${metadata.name}`).value).toBe(`v${i}-web`);
    const long = "${resources.db.host}-".repeat(100) + "${metadata.name";
    const r = sub(long);
    expect(r.value).toBe("pg-".repeat(100) + "${metadata.name");
    expect(r.errors.map((e) => e.start)).toEqual([long.length - 15]);
    expect(parsePlaceholders("no placeholders here")).toEqual({ segments: [{ kind: "text", text: "no placeholders here" }], errors: [] });
    expect(parsePlaceholders("")).toEqual({ segments: [], errors: [] });
  });
});

function diagnosticsOf(text: string) {
  return check([{ path: "p.score.yaml", contents: text }]).diagnostics.filter((d) => d.severity === "error");
}

describe("placeholder checks in Score files (exact columns)", () => {
  const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n";
  it("unknown root", () => {
    const ds = diagnosticsOf(head + "      A: x-${foo.bar}\n");
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: "score/unknown-placeholder", range: { start: { line: 8, column: 12 }, end: { line: 8, column: 22 } } });
    expect(ds[0]!.message).toBe('unknown placeholder root "foo" in ${foo.bar}: placeholders start with metadata or resources');
  });
  it("unknown resource names the known ones", () => {
    const ds = diagnosticsOf(head + "      A: ${resources.dbb.host}\nresources:\n  db:\n    type: postgres\n  cache:\n    type: redis\n");
    expect(ds[0]!.message).toBe('unknown resource "dbb" in ${resources.dbb.host} — did you mean "db"?; resources of web: "cache" or "db"');
    expect(ds[0]!.range.start).toMatchObject({ line: 8, column: 10 });
  });
  it("unknown metadata key names the known ones", () => {
    const ds = diagnosticsOf(head + "      A: '${metadata.nmae}'\n");
    expect(ds[0]!.message).toBe('unknown metadata key "nmae" in ${metadata.nmae} — did you mean "name"?; known: "name"');
    expect(ds[0]!.range.start).toMatchObject({ line: 8, column: 11 });
  });
  it("points at the second of two identical bad placeholders in a block scalar", () => {
    const ds = diagnosticsOf(head.replace("    variables:\n", "") + "    files:\n      /a.txt:\n        content: |\n          one ${x.y}\n          two ${x.y}\n");
    expect(ds.map((d) => [d.range.start.line, d.range.start.column])).toEqual([
      [10, 15],
      [11, 15],
    ]);
  });
  it("does not expand files with noExpand", () => {
    const ds = diagnosticsOf(head.replace("    variables:\n", "") + "    files:\n      /a.txt:\n        noExpand: true\n        content: ${whatever}\n");
    expect(ds).toEqual([]);
  });
  it("a whole resource is only allowed as a volume source", () => {
    const ds = diagnosticsOf(head + "      A: ${resources.db}\nresources:\n  db:\n    type: postgres\n");
    expect(ds[0]!.message).toMatch(/refers to the resource itself, which only a volume source may do/);
  });
});
