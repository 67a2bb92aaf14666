// json.verify_schema and json.match_schema, validated by ajv and reported in OPA's shapes. OPA validates with
// gojsonschema (drafts 04, 06 and 07, chosen by `$schema`; draft-07 rules otherwise): scorec picks the same
// draft from `$schema` (ajv-draft-04 for draft-04) and turns ajv's errors into gojsonschema's {error, type,
// field, desc} objects (its type names and English descriptions, `field` as `(root)` or a dotted path).
// Known differences, from the two validators: under anyOf/oneOf ajv reports every branch's errors where
// gojsonschema keeps only the closest branch's, and the order of errors can differ. Schemas never fetch:
// a remote `$ref` is an error (OPA also refuses file refs and needs allow_net for remote ones).
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from "ajv";
import Ajv04 from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json" with { type: "json" };
import { compileRE2 } from "../../re2/re2.js";
import { fromJSON, RObject, toJSON, type Value } from "../value.js";
import { def, fail } from "./args.js";
import { JSONSyntaxError, parseJSONValue } from "./jsontext.js";
import type { BuiltinContext, BuiltinDef } from "./types.js";

const addFormats = addFormatsModule as unknown as (a: Ajv) => void;

/**
 * `pattern` and `patternProperties` run on re2js with Go's syntax, as gojsonschema's Go regexps do: linear
 * time, so a schema taken from input cannot hang the evaluation with a catastrophic pattern.
 */
const goRegExp = Object.assign(
  (pattern: string) => {
    const re = compileRE2(pattern);
    return {
      test(s: string) {
        re.lastIndex = 0;
        return re.test(s);
      },
    };
  },
  { code: "goRegExp" },
);

const options = { allErrors: true, strict: false, verbose: true, validateSchema: true, code: { regExp: goRegExp } } as const;
let modern: Ajv | undefined;
let legacy: Ajv | undefined;

function ajvFor(schema: unknown): Ajv {
  const declared = schema && typeof schema === "object" && typeof (schema as { $schema?: unknown }).$schema === "string" ? (schema as { $schema: string }).$schema : "";
  if (/draft-04/.test(declared)) {
    if (!legacy) {
      legacy = new (Ajv04 as unknown as typeof Ajv)(options);
      addFormats(legacy);
    }
    return legacy;
  }
  if (!modern) {
    modern = new Ajv(options);
    modern.addMetaSchema(draft06);
    addFormats(modern);
  }
  return modern;
}

/** OPA's loader: a string is JSON text, an object or array is itself; anything else is refused. */
function load(name: string, v: Value): unknown {
  if (typeof v === "string") {
    try {
      return toJSON(parseJSONValue(v));
    } catch (e) {
      if (e instanceof JSONSyntaxError) throw fail(name, "invalid JSON string");
      throw e;
    }
  }
  if (v instanceof RObject || Array.isArray(v)) return toJSON(v);
  throw fail(name, "wrong type, expected string or object");
}

function compile(name: string, schema: unknown, ctx: BuiltinContext): ValidateFunction {
  const key = `jsonschema:${JSON.stringify(schema)}`;
  const cached = ctx.cache.get(key);
  if (cached) return cached as ValidateFunction;
  const ajv = ajvFor(schema);
  let v: ValidateFunction;
  try {
    v = ajv.compile(schema as AnySchema);
  } catch (e) {
    throw fail(name, (e as Error).message);
  } finally {
    forget(ajv, schema);
  }
  ctx.cache.set(key, v);
  return v;
}

/**
 * Compiled schemas are cached per evaluation only (BuiltinContext.cache): ajv's own registry, keyed by the
 * schema object and its `$id`, must not grow with every call in a long-lived process (the language server).
 */
function forget(ajv: Ajv, schema: unknown): void {
  if (!schema || typeof schema !== "object") return;
  ajv.removeSchema(schema as AnySchema);
  const id = (schema as { $id?: unknown; id?: unknown }).$id ?? (schema as { id?: unknown }).id;
  if (typeof id === "string") ajv.removeSchema(id);
}

/** gojsonschema's JSON type of a value: whole numbers are "integer". */
function jsonType(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  if (typeof x === "number") return Number.isInteger(x) ? "integer" : "number";
  return typeof x === "object" ? "object" : typeof x;
}

function fieldOf(instancePath: string): string {
  if (instancePath === "") return "(root)";
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

const j = (x: unknown) => JSON.stringify(x);

/** gojsonschema's error type and description for one ajv error. */
function describe(e: ErrorObject, field: string): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return ["required", `${p.missingProperty} is required`];
    case "type": {
      const types = String(p.type).split(",");
      return ["invalid_type", `Invalid type. Expected: ${types.length > 1 ? `[${types.join(",")}]` : types[0]}, given: ${jsonType(e.data)}`];
    }
    case "additionalProperties":
      return ["additional_property_not_allowed", `Additional property ${p.additionalProperty} is not allowed`];
    case "enum":
      return ["enum", `${field} must be one of the following: ${(p.allowedValues as unknown[]).map(j).join(", ")}`];
    case "const":
      return ["const", `${field} does not match: ${j(p.allowedValue)}`];
    case "minimum":
      return p.comparison === ">" ? ["number_gt", `Must be greater than ${p.limit}`] : ["number_gte", `Must be greater than or equal to ${p.limit}`];
    case "maximum":
      return p.comparison === "<" ? ["number_lt", `Must be less than ${p.limit}`] : ["number_lte", `Must be less than or equal to ${p.limit}`];
    case "exclusiveMinimum":
      return ["number_gt", `Must be greater than ${p.limit}`];
    case "exclusiveMaximum":
      return ["number_lt", `Must be less than ${p.limit}`];
    case "minLength":
      return ["string_gte", `String length must be greater than or equal to ${p.limit}`];
    case "maxLength":
      return ["string_lte", `String length must be less than or equal to ${p.limit}`];
    case "pattern":
      return ["pattern", `Does not match pattern '${p.pattern}'`];
    case "format":
      return ["format", `Does not match format '${p.format}'`];
    case "minItems":
      return ["array_min_items", `Array must have at least ${p.limit} items`];
    case "maxItems":
      return ["array_max_items", `Array must have at most ${p.limit} items`];
    case "uniqueItems":
      return ["unique", `array items[${p.j},${p.i}] must be unique`];
    case "minProperties":
      return ["array_min_properties", `Must have at least ${p.limit} properties`];
    case "maxProperties":
      return ["array_max_properties", `Must have at most ${p.limit} properties`];
    case "multipleOf":
      return ["multiple_of", `Must be a multiple of ${p.multipleOf}`];
    case "anyOf":
      return ["number_any_of", "Must validate at least one schema (anyOf)"];
    case "oneOf":
      return ["number_one_of", "Must validate one and only one schema (oneOf)"];
    case "not":
      return ["number_not", "Must not validate the schema (not)"];
    case "dependencies":
    case "dependentRequired":
      return ["missing_dependency", `Has a dependency on ${p.missingProperty}`];
    case "if":
      return p.failingKeyword === "else" ? ["condition_else", 'Must validate "else" as "if" was not valid'] : ["condition_then", 'Must validate "then" as "if" was valid'];
    case "false schema":
      return ["false", "False always fails validation"];
    case "contains":
      return ["contains", "At least one of the items must match"];
    case "additionalItems":
      return ["array_no_additional_items", "No additional items allowed on array"];
    case "propertyNames":
      return ["invalid_property_name", `Property name of "${p.propertyName}" does not match`];
    default:
      return [e.keyword, e.message ?? e.keyword];
  }
}

export const jsonSchemaBuiltins: BuiltinDef[] = [
  def("json.verify_schema", ["any"], "array", (args) => {
    let schema: unknown;
    try {
      schema = load("json.verify_schema", args[0]!);
      const ajv = ajvFor(schema);
      if (!ajv.validateSchema(schema as AnySchema)) throw new Error(ajv.errorsText(ajv.errors));
      try {
        ajv.compile(schema as AnySchema);
      } finally {
        forget(ajv, schema);
      }
    } catch (e) {
      const msg = (e as Error).message.replace(/^json\.verify_schema: /, "");
      return [false, `jsonschema: ${msg}`];
    }
    return [true, null];
  }),
  def("json.match_schema", ["any", "any"], "array", (args, ctx) => {
    const doc = load("json.match_schema", args[0]!);
    const validate = compile("json.match_schema", load("json.match_schema", args[1]!), ctx);
    if (validate(doc)) return [true, []];
    const errors = (validate.errors ?? []).map((e) => {
      const field = fieldOf(e.instancePath);
      const [type, desc] = describe(e, field);
      return fromJSON({ error: `${field}: ${desc}`, type, field, desc });
    });
    return [false, errors];
  }),
];
