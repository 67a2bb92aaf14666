// Node-only: graphql.parse, parse_and_verify, parse_query, parse_schema, is_valid, schema_is_valid on
// graphql-js (the reference GraphQL implementation). The package is loaded on the first call (createRequire),
// so neither the core engine nor a policy without GraphQL pays for it.
//
// OPA returns gqlparser's Go AST as JSON, pruned of `Position`, nulls and empty lists/objects; the converters
// below rebuild that shape from graphql-js's AST (field names, Alias = Name when absent, value Kind numbers,
// Type {NamedType, Elem, NonNull}). Differences (README "Rego builtins"): parse error texts are graphql-js's
// ("Syntax Error: Expected Name, found "}".") with OPA's "in GraphQL string at location L:C" suffix;
// validation follows graphql-js's rules (a schema needs a Query type); AST objects as operands are refused.
import { createRequire } from "node:module";
import type * as GraphQL from "graphql";
import { fromJSON, RObject, type Value } from "../value.js";
import { def, fail, str, typeErr } from "./args.js";
import type { BuiltinDef } from "./types.js";

let lib: typeof GraphQL | undefined;
function gql(): typeof GraphQL {
  return (lib ??= createRequire(import.meta.url)("graphql") as typeof GraphQL);
}

type N = Record<string, unknown>;
type AnyNode = { kind: string; [k: string]: any };

const VALUE_KIND: Record<string, number> = {
  Variable: 0,
  IntValue: 1,
  FloatValue: 2,
  StringValue: 3,
  BooleanValue: 5,
  NullValue: 6,
  EnumValue: 7,
  ListValue: 8,
  ObjectValue: 9,
};

function value(v: AnyNode): N {
  const out: N = { ExpectedTypeHasDefault: false };
  out.Kind = v.kind === "StringValue" && v.block ? 4 : VALUE_KIND[v.kind];
  if (v.kind === "Variable") out.Raw = v.name.value;
  else if (v.kind === "NullValue") out.Raw = "null";
  else if (v.kind === "BooleanValue") out.Raw = String(v.value);
  else if (v.kind === "ListValue") out.Children = v.values.map((x: AnyNode) => ({ Name: "", Value: value(x) }));
  else if (v.kind === "ObjectValue") out.Children = v.fields.map((f: AnyNode) => ({ Name: f.name.value, Value: value(f.value) }));
  else out.Raw = v.value;
  return out;
}

function type(t: AnyNode): N {
  if (t.kind === "NonNullType") return { ...type(t.type), NonNull: true };
  if (t.kind === "ListType") return { NamedType: "", Elem: type(t.type), NonNull: false };
  return { NamedType: t.name.value, NonNull: false };
}

const directives = (ds: readonly AnyNode[] | undefined) => (ds ?? []).map((d) => ({ Name: d.name.value, Arguments: args(d.arguments), Location: "" }));
const args = (as: readonly AnyNode[] | undefined) => (as ?? []).map((a) => ({ Name: a.name.value, Value: value(a.value) }));

function selections(s: AnyNode | undefined): N[] {
  return (s?.selections ?? []).map((x: AnyNode) => {
    if (x.kind === "Field")
      return { Alias: (x.alias ?? x.name).value, Name: x.name.value, Arguments: args(x.arguments), Directives: directives(x.directives), SelectionSet: selections(x.selectionSet) };
    if (x.kind === "FragmentSpread") return { Name: x.name.value, Directives: directives(x.directives) };
    return { TypeCondition: x.typeCondition?.name.value ?? "", Directives: directives(x.directives), SelectionSet: selections(x.selectionSet) };
  });
}

const varDefs = (vs: readonly AnyNode[] | undefined) =>
  (vs ?? []).map((v) => ({ Variable: v.variable.name.value, Type: type(v.type), DefaultValue: v.defaultValue ? value(v.defaultValue) : null, Directives: directives(v.directives), Used: false }));

function queryDocument(doc: AnyNode): N {
  const ops: N[] = [];
  const frags: N[] = [];
  for (const d of doc.definitions) {
    if (d.kind === "OperationDefinition")
      ops.push({ Operation: d.operation, Name: d.name?.value ?? "", VariableDefinitions: varDefs(d.variableDefinitions), Directives: directives(d.directives), SelectionSet: selections(d.selectionSet) });
    else if (d.kind === "FragmentDefinition")
      frags.push({ Name: d.name.value, VariableDefinition: varDefs(d.variableDefinitions), TypeCondition: d.typeCondition.name.value, Directives: directives(d.directives), SelectionSet: selections(d.selectionSet) });
    else throw new TypeError(`Unexpected ${d.kind}`);
  }
  return { Operations: ops, Fragments: frags };
}

const desc = (d: AnyNode) => d.description?.value ?? "";

function argDefs(as: readonly AnyNode[] | undefined): N[] {
  return (as ?? []).map((a) => ({ Description: desc(a), Name: a.name.value, DefaultValue: a.defaultValue ? value(a.defaultValue) : null, Type: type(a.type), Directives: directives(a.directives) }));
}

const TYPE_KINDS: Record<string, string> = {
  ScalarType: "SCALAR",
  ObjectType: "OBJECT",
  InterfaceType: "INTERFACE",
  UnionType: "UNION",
  EnumType: "ENUM",
  InputObjectType: "INPUT_OBJECT",
};

function definition(d: AnyNode, kind: string): N {
  return {
    Kind: kind,
    Description: desc(d),
    Name: d.name.value,
    Directives: directives(d.directives),
    Interfaces: (d.interfaces ?? []).map((i: AnyNode) => i.name.value),
    Fields: (d.fields ?? []).map((f: AnyNode) => ({
      Description: desc(f),
      Name: f.name.value,
      Arguments: argDefs(f.arguments),
      DefaultValue: f.defaultValue ? value(f.defaultValue) : null,
      Type: type(f.type),
      Directives: directives(f.directives),
    })),
    Types: (d.types ?? []).map((t: AnyNode) => t.name.value),
    EnumValues: (d.values ?? []).map((v: AnyNode) => ({ Description: desc(v), Name: v.name.value, Directives: directives(v.directives) })),
    BuiltIn: false,
  };
}

function schemaDocument(doc: AnyNode): N {
  const out: Record<string, N[]> = { Schema: [], SchemaExtension: [], Directives: [], Definitions: [], Extensions: [] };
  for (const d of doc.definitions) {
    const m = /^(\w+?)(Definition|Extension)$/.exec(d.kind);
    if (d.kind === "SchemaDefinition" || d.kind === "SchemaExtension")
      out[d.kind === "SchemaDefinition" ? "Schema" : "SchemaExtension"]!.push({
        Description: desc(d),
        Directives: directives(d.directives),
        OperationTypes: (d.operationTypes ?? []).map((o: AnyNode) => ({ Operation: o.operation, Type: o.type.name.value })),
      });
    else if (d.kind === "DirectiveDefinition")
      out.Directives!.push({
        Description: desc(d),
        Name: d.name.value,
        Arguments: argDefs(d.arguments),
        Locations: d.locations.map((l: AnyNode) => l.value),
        IsRepeatable: !!d.repeatable,
      });
    else if (m && TYPE_KINDS[m[1]!]) out[m[2] === "Definition" ? "Definitions" : "Extensions"]!.push(definition(d, TYPE_KINDS[m[1]!]!));
    else throw new TypeError(`Unexpected ${d.kind}`);
  }
  return out;
}

/** OPA's pruning: no nulls, no empty lists or objects (after pruning), at any depth. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune).filter((x) => x !== null && x !== undefined && !isEmpty(x));
  if (v && typeof v === "object") {
    const out: N = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== null && p !== undefined && !isEmpty(p)) out[k] = p;
    }
    return out;
  }
  return v;
}
const isEmpty = (x: unknown) => (Array.isArray(x) ? x.length === 0 : !!x && typeof x === "object" && Object.keys(x).length === 0);

function located(e: unknown, where: string): string {
  const g = e as { message?: string; locations?: readonly { line: number; column: number }[] };
  const loc = g.locations?.[0];
  const msg = (g.message ?? String(e)).replace(/\.$/, "");
  return loc ? `${msg} in GraphQL ${where} at location ${loc.line}:${loc.column}` : msg;
}

function parseDoc(name: string, text: string): AnyNode {
  try {
    return gql().parse(text, { noLocation: false }) as unknown as AnyNode;
  } catch (e) {
    throw fail(name, located(e, "string"));
  }
}

function queryDoc(name: string, text: string): AnyNode {
  const d = parseDoc(name, text);
  for (const x of d.definitions)
    if (x.kind !== "OperationDefinition" && x.kind !== "FragmentDefinition") throw fail(name, located({ message: `Unexpected ${x.kind}`, locations: [] }, "string"));
  return d;
}

function schemaDoc(name: string, text: string): AnyNode {
  const d = parseDoc(name, text);
  for (const x of d.definitions)
    if (x.kind === "OperationDefinition" || x.kind === "FragmentDefinition") throw fail(name, `Unexpected ${x.kind} in GraphQL string`);
  return d;
}

/** graphql-js's schema errors, less "Query root type must be provided" (gqlparser accepts a schema without one). */
function schemaErrors(schema: GraphQL.GraphQLSchema): readonly GraphQL.GraphQLError[] {
  return gql().validateSchema(schema).filter((e) => !/^Query root type must be provided/.test(e.message));
}

/** Builds and validates the schema, then validates the query against it; the first error, OPA-worded. */
function verify(name: string, q: AnyNode, s: AnyNode): void {
  const g = gql();
  let schema: GraphQL.GraphQLSchema;
  try {
    schema = g.buildASTSchema(s as unknown as GraphQL.DocumentNode, { assumeValidSDL: false });
  } catch (e) {
    throw fail(name, `Error in gqlparser SchemaDocument to Schema conversion: ${located(e, "string")}`);
  }
  const se = schemaErrors(schema);
  if (se.length) throw fail(name, `Error in gqlparser SchemaDocument to Schema conversion: ${located(se[0], "string")}`);
  const qe = g.validate(schema, q as unknown as GraphQL.DocumentNode);
  if (qe.length) throw fail(name, located(qe[0], "query string"));
}

/** A string operand; OPA also takes AST objects, which this implementation refuses (README). */
function source(name: string, args: Value[], i: number): string {
  const v = args[i]!;
  if (typeof v === "string") return v;
  if (v instanceof RObject) throw fail(name, `operand ${i + 1}: AST objects are not supported by scorec, pass the GraphQL text`);
  throw typeErr(name, i + 1, ["string", "object"], v);
}

const isSource = (v: Value) => typeof v === "string" || v instanceof RObject;
const out = (x: N) => fromJSON(prune(x));
const unverified = (): Value => [false, new RObject(), new RObject()];

export const graphqlBuiltins: BuiltinDef[] = [
  def("graphql.parse_query", ["string"], "object", (a) => out(queryDocument(queryDoc("graphql.parse_query", str("graphql.parse_query", a, 0))))),
  def("graphql.parse_schema", ["string"], "object", (a) => out(schemaDocument(schemaDoc("graphql.parse_schema", str("graphql.parse_schema", a, 0))))),
  def("graphql.parse", [{ anyOf: ["string", "object"] }, { anyOf: ["string", "object"] }], { arrayOf: "object" }, (a) => {
    const name = "graphql.parse";
    const q = queryDoc(name, source(name, a, 0));
    const s = schemaDoc(name, source(name, a, 1));
    verify(name, q, s);
    return [out(queryDocument(q)), out(schemaDocument(s))];
  }),
  def("graphql.parse_and_verify", [{ anyOf: ["string", "object"] }, { anyOf: ["string", "object"] }], { arrayOf: "any" }, (a) => {
    const name = "graphql.parse_and_verify";
    if (typeof a[0] !== "string" || typeof a[1] !== "string") return unverified();
    try {
      const q = queryDoc(name, a[0]);
      const s = schemaDoc(name, a[1]);
      verify(name, q, s);
      return [true, out(queryDocument(q)), out(schemaDocument(s))];
    } catch {
      return unverified();
    }
  }),
  def("graphql.is_valid", [{ anyOf: ["string", "object"] }, { anyOf: ["string", "object"] }], "boolean", (a) => {
    const name = "graphql.is_valid";
    if (!isSource(a[0]!) || !isSource(a[1]!)) return false;
    const q = source(name, a, 0);
    const s = source(name, a, 1);
    try {
      verify(name, queryDoc(name, q), schemaDoc(name, s));
      return true;
    } catch {
      return false;
    }
  }),
  def("graphql.schema_is_valid", [{ anyOf: ["string", "object"] }], "boolean", (a) => {
    const name = "graphql.schema_is_valid";
    if (!isSource(a[0]!)) return false;
    const s = source(name, a, 0);
    try {
      return schemaErrors(gql().buildASTSchema(schemaDoc(name, s) as unknown as GraphQL.DocumentNode)).length === 0;
    } catch {
      return false;
    }
  }),
];
