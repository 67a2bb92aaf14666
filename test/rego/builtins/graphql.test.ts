// graphql.* (Node-only module on graphql-js). Expected ASTs follow the gqlparser JSON shape OPA returns
// (OPA's graphql test cases document it: Go field names, Alias = Name, value Kind numbers, pruned nulls).
import { describe, expect, it } from "vitest";
import { graphqlBuiltins } from "../../../src/rego/builtins/graphql.node.js";
import { compileModules } from "../../../src/rego/index.js";
import { callersOf } from "./call.js";
import "../../../src/rego/builtins/node-builtins.js";

const { call, callErr } = callersOf(graphqlBuiltins);

const schema = `
  type Query { hero(episode: Episode): Character }
  enum Episode { NEWHOPE, EMPIRE }
  type Character { id: ID!, name: String, friends: [Character] }
`;

describe("graphql.parse_query / parse_schema", () => {
  it("a simple query", () => {
    expect(call("graphql.parse_query", "{hero {name}}")).toEqual({
      Operations: [{ Name: "", Operation: "query", SelectionSet: [{ Alias: "hero", Name: "hero", SelectionSet: [{ Alias: "name", Name: "name" }] }] }],
    });
  });
  it("variables, arguments, aliases, inline fragments and value kinds", () => {
    const ast = call("graphql.parse_query", `query H($ep: Episode!) { h: hero(episode: $ep, n: 1, s: "x", e: EMPIRE, l: [true]) { ... on Droid { id } } }`);
    const op = ast.Operations[0];
    expect(op.VariableDefinitions).toEqual([{ Type: { NamedType: "Episode", NonNull: true }, Used: false, Variable: "ep" }]);
    const f = op.SelectionSet[0];
    expect(f.Alias).toBe("h");
    expect(f.Name).toBe("hero");
    expect(f.Arguments.map((a: any) => [a.Name, a.Value.Kind, a.Value.Raw])).toEqual([
      ["episode", 0, "ep"],
      ["n", 1, "1"],
      ["s", 3, "x"],
      ["e", 7, "EMPIRE"],
      ["l", 8, undefined],
    ]);
    expect(f.Arguments[4].Value.Children).toEqual([{ Name: "", Value: { ExpectedTypeHasDefault: false, Kind: 5, Raw: "true" } }]);
    expect(f.SelectionSet).toEqual([{ SelectionSet: [{ Alias: "id", Name: "id" }], TypeCondition: "Droid" }]);
  });
  it("schema definitions and extensions", () => {
    expect(call("graphql.parse_schema", `"Description" type Hello { world(flag: Boolean = true): String }`)).toEqual({
      Definitions: [
        {
          BuiltIn: false,
          Description: "Description",
          Fields: [
            {
              Arguments: [{ DefaultValue: { ExpectedTypeHasDefault: false, Kind: 5, Raw: "true" }, Description: "", Name: "flag", Type: { NamedType: "Boolean", NonNull: false } }],
              Description: "",
              Name: "world",
              Type: { NamedType: "String", NonNull: false },
            },
          ],
          Kind: "OBJECT",
          Name: "Hello",
        },
      ],
    });
    expect(call("graphql.parse_schema", "extend type Hello implements Greeting")).toEqual({
      Extensions: [{ BuiltIn: false, Description: "", Interfaces: ["Greeting"], Kind: "OBJECT", Name: "Hello" }],
    });
    expect(call("graphql.parse_schema", "schema { query: Query }")).toEqual({ Schema: [{ Description: "", OperationTypes: [{ Operation: "query", Type: "Query" }] }] });
    expect(call("graphql.parse_schema", "type H { l: [String] }").Definitions[0].Fields[0].Type).toEqual({ Elem: { NamedType: "String", NonNull: false }, NamedType: "", NonNull: false });
  });
  it("syntax errors are builtin errors with OPA's location suffix (graphql-js's wording)", () => {
    expect(callErr("graphql.parse_schema", "type Hello {}")).toBe('graphql.parse_schema: Syntax Error: Expected Name, found "}" in GraphQL string at location 1:13');
    expect(callErr("graphql.parse_query", "{")).toMatch(/^graphql\.parse_query: Syntax Error: .* in GraphQL string at location 1:2$/);
  });
});

describe("graphql.is_valid / schema_is_valid / parse_and_verify / parse", () => {
  it("valid and invalid queries against a schema", () => {
    expect(call("graphql.is_valid", "{ hero(episode: EMPIRE) { name friends { id } } }", schema)).toBe(true);
    expect(call("graphql.is_valid", "{ hero { nope } }", schema)).toBe(false);
    expect(call("graphql.is_valid", "{ hero(episode: MARS) { name } }", schema)).toBe(false);
    expect(call("graphql.is_valid", "{ hero { name } ", schema)).toBe(false);
    expect(call("graphql.is_valid", 1, schema)).toBe(false);
  });
  it("schema validity", () => {
    expect(call("graphql.schema_is_valid", schema)).toBe(true);
    expect(call("graphql.schema_is_valid", "type Hello { world: String }")).toBe(true); // no Query type: fine, as gqlparser
    expect(call("graphql.schema_is_valid", "type Hello { world: Missing }")).toBe(false);
    expect(call("graphql.schema_is_valid", "type Hello {")).toBe(false);
  });
  it("parse_and_verify gives [valid, query AST, schema AST]", () => {
    const [ok, q, s] = call("graphql.parse_and_verify", "{ hero { id } }", schema);
    expect(ok).toBe(true);
    expect(q.Operations[0].SelectionSet[0].Name).toBe("hero");
    expect(s.Definitions.map((d: any) => d.Name)).toEqual(["Query", "Episode", "Character"]);
    expect(call("graphql.parse_and_verify", "{ hero { nope } }", schema)).toEqual([false, {}, {}]);
  });
  it("parse raises the validation error", () => {
    expect(call("graphql.parse", "{ hero { id } }", schema)).toHaveLength(2);
    expect(callErr("graphql.parse", "{ hero { nope } }", schema)).toBe(
      'graphql.parse: Cannot query field "nope" on type "Character". Did you mean "name"? in GraphQL query string at location 1:10',
    );
    expect(callErr("graphql.parse", { Operations: [] }, schema)).toMatch(/AST objects are not supported/);
  });
  it("is registered for policies compiled by the engine (Node entry)", () => {
    const r = compileModules([{ path: "p.rego", source: `package p\nok if graphql.is_valid(input.q, input.s)\n` }]);
    if (!r.ok) throw new Error(String(r.errors));
    expect(r.program.evalRule(["p", "ok"], { input: { q: "{ hero { id } }", s: schema }, nowNs: 0n })).toBe(true);
  });
});
