import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTfValue, formatTfType, parseTfType, type TfType } from "../../../targets/terraform/type-expr.js";

describe("Terraform type expressions", () => {
  it("parses primitives, collections, tuples and objects with optional attributes", () => {
    expect(parseTfType("string")).toEqual({ kind: "string" });
    expect(parseTfType("${list(map(number))}")).toEqual({ kind: "list", elem: { kind: "map", elem: { kind: "number" } } });
    expect(parseTfType("tuple([string, bool])")).toEqual({ kind: "tuple", elems: [{ kind: "string" }, { kind: "bool" }] });
    const t = parseTfType(`object({
      name = string # a comment
      replicas = optional(number, 1)
      tags = optional(map(string), {})
      ports = optional(list(object({ port = number })), [])
      mode = optional(string, "TCP")
      flag = optional(bool, false)
      extra = optional(any)
    })`);
    expect(t).toEqual({
      kind: "object",
      attrs: {
        name: { type: { kind: "string" }, optional: false },
        replicas: { type: { kind: "number" }, optional: true, default: 1 },
        tags: { type: { kind: "map", elem: { kind: "string" } }, optional: true, default: {} },
        ports: { type: { kind: "list", elem: { kind: "object", attrs: { port: { type: { kind: "number" }, optional: false } } } }, optional: true, default: [] },
        mode: { type: { kind: "string" }, optional: true, default: "TCP" },
        flag: { type: { kind: "bool" }, optional: true, default: false },
        extra: { type: { kind: "any" }, optional: true },
      },
    });
  });

  it("rejects what Terraform would reject", () => {
    for (const bad of ["strin", "list(string", "object({ a = string, a = number })", "map()", "list(string) extra"]) expect(() => parseTfType(bad), bad).toThrow();
  });

  it("round-trips through formatTfType", () => {
    const arb: fc.Arbitrary<TfType> = fc.letrec<{ t: TfType }>((tie) => ({
      t: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom<TfType>({ kind: "string" }, { kind: "number" }, { kind: "bool" }, { kind: "any" }),
        fc.record({ kind: fc.constantFrom("list" as const, "set" as const, "map" as const), elem: tie("t") }),
        fc.record({ kind: fc.constant("tuple" as const), elems: fc.array(tie("t"), { maxLength: 3 }) }),
        fc
          .dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), fc.record({ type: tie("t"), optional: fc.boolean() }), { maxKeys: 3 })
          .map((attrs) => ({ kind: "object" as const, attrs })),
      ),
    })).t;
    fc.assert(
      fc.property(arb, (t) => {
        expect(parseTfType(formatTfType(t))).toEqual(t);
      }),
    );
  });
});

describe("checkTfValue", () => {
  const t = parseTfType("object({ name = string, port = optional(number), tags = optional(map(string), {}), pair = optional(tuple([string, number])) })");
  it("accepts conforming values", () => {
    expect(checkTfValue(t, { name: "a" })).toEqual([]);
    expect(checkTfValue(t, { name: "a", port: 1, tags: { x: "y" }, pair: ["a", 1] })).toEqual([]);
    expect(checkTfValue(t, { name: "a", port: null })).toEqual([]);
  });
  it("reports missing required, extra attributes and wrong kinds with paths", () => {
    expect(checkTfValue(t, { port: "80", tags: { x: 1 }, extra: true, pair: ["a"] })).toEqual([
      "name: required attribute is missing",
      'port: expected a number, got a string',
      'tags["x"]: expected a string, got a number',
      "pair: expected a tuple of 2 elements, got 1",
      "extra: unexpected attribute (the object type declares name, pair, port, tags)",
    ]);
    expect(checkTfValue(parseTfType("set(string)"), ["a", "a"])).toEqual(["(root): a set cannot hold the same value twice"]);
    expect(checkTfValue(parseTfType("list(bool)"), {})).toEqual(["(root): expected a list, got an object"]);
    expect(checkTfValue(parseTfType("any"), { anything: [1] })).toEqual([]);
  });
});
