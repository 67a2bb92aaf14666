// JSON-schema validation with ajv (validators precompiled to code at generation time), turned into positioned, human findings.
// ajv reports every failed branch of oneOf/anyOf; `explain()` folds those into the one sentence a person
// needs (the branch whose type matched explains the problem; required-only branches become "one of …").
import type { ErrorObject, ValidateFunction } from "ajv";
import { toPointer } from "../parse/source-file.js";
import { humanPath, suggest } from "./human-path.js";

export interface SchemaFinding {
  ruleId: string;
  message: string;
  pointer: string;
  /** Underline the mapping key rather than the value (unknown properties). */
  atKey: boolean;
}

export class SchemaValidator {
  constructor(
    /** A validator precompiled by scripts/gen-validators.mjs (allErrors, verbose). */
    private readonly validate: ValidateFunction,
    /** What the document is called in messages ("workload", "provisioner file"). */
    private readonly what: string,
  ) {}

  check(value: unknown): SchemaFinding[] {
    if (this.validate(value)) return [];
    return explain(this.validate.errors ?? [], this.what);
  }
}

const TYPE_WORDS: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean (true or false)",
  null: "null",
};

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return `${typeof value === "number" ? "the number" : "the value"} ${String(value)}`;
}

function at(pointer: string): string {
  return pointer ? ` in ${humanPath(pointer)}` : "";
}

export function explain(errors: ErrorObject[], what: string): SchemaFinding[] {
  const drop = new Set<ErrorObject>();
  const extra: SchemaFinding[] = [];
  for (const e of errors) {
    if (e.keyword !== "oneOf" && e.keyword !== "anyOf") continue;
    const prefix = e.schemaPath + "/";
    // verbose mode gives the keyword's own schema: the list of branches.
    const branchSchemas = (e.schema as { required?: string[] }[]) ?? [];
    const branches = branchSchemas.length;
    const inside = errors.filter((x) => x !== e && x.schemaPath.startsWith(prefix) && x.instancePath === e.instancePath);
    const typeFails = inside.filter((x) => x.keyword === "type");
    drop.add(e);
    if (typeFails.length > 0 && typeFails.length >= branches) {
      // No branch has the right type: one sentence listing what would be accepted.
      typeFails.forEach((x) => drop.add(x));
      const wanted = typeFails.map((x) => TYPE_WORDS[String(x.params.type)] ?? String(x.params.type));
      extra.push({
        ruleId: "schema/type",
        message: `${humanPath(e.instancePath)} must be ${wanted.join(" or ")}`,
        pointer: e.instancePath,
        atKey: false,
      });
    } else if (typeFails.length > 0) {
      // The branch whose type matched explains the problem with its own errors.
      typeFails.forEach((x) => drop.add(x));
    } else {
      const required = inside.filter((x) => x.keyword === "required");
      if (required.length > 0 || e.params.passingSchemas) {
        required.forEach((x) => drop.add(x));
        const names = branchSchemas
          .flatMap((b) => b.required ?? [])
          .map((n) => `"${n}"`);
        const list = names.length > 1 ? names.slice(0, -1).join(", ") + " or " + names[names.length - 1] : names.join("");
        const multiple = Array.isArray(e.params.passingSchemas);
        extra.push({
          ruleId: "schema/one-of",
          message:
            e.keyword === "oneOf"
              ? `${humanPath(e.instancePath)} must set exactly one of ${list}${multiple ? ", not several" : ""}`
              : `${humanPath(e.instancePath)} must set at least one of ${list}`,
          pointer: e.instancePath,
          atKey: false,
        });
      }
    }
  }
  for (const e of errors) {
    if (e.keyword !== "propertyNames") continue;
    // ajv reports each failed constraint on the key, then propertyNames itself: say it once, with reasons.
    const inner = errors.filter((x) => x !== e && x.schemaPath.startsWith(e.schemaPath + "/") && x.instancePath === e.instancePath && (x as { propertyName?: string }).propertyName === e.params.propertyName);
    inner.forEach((x) => drop.add(x));
    drop.add(e);
    const reasons = inner.map((x) => x.message).filter(Boolean);
    extra.push({
      ruleId: "schema/property-name",
      message: `invalid key "${e.params.propertyName}"${at(e.instancePath)}${reasons.length ? ": " + reasons.join("; ") : ""}`,
      pointer: e.instancePath + toPointer([String(e.params.propertyName)]),
      atKey: true,
    });
  }
  const out: SchemaFinding[] = [...extra];
  for (const e of errors) if (!drop.has(e)) out.push(one(e, what));
  return dedupe(out);
}

function one(e: ErrorObject, what: string): SchemaFinding {
  const p = e.instancePath;
  const path = humanPath(p);
  switch (e.keyword) {
    case "required":
      return {
        ruleId: "schema/required",
        message: `missing required property "${e.params.missingProperty}"${at(p) || ` in the ${what}`}`,
        pointer: p,
        atKey: p !== "",
      };
    case "additionalProperties": {
      const name = String(e.params.additionalProperty);
      const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      const hint = suggest(name, known);
      return {
        ruleId: "schema/additional-property",
        message:
          `unknown property "${name}"${at(p) || ` in the ${what}`}` +
          (hint ? ` — did you mean "${hint}"?` : known.length ? ` (expected one of: ${[...known].sort().join(", ")})` : ""),
        pointer: p + toPointer([name]),
        atKey: true,
      };
    }
    case "type":
      return {
        ruleId: "schema/type",
        message:
          `${path} must be ${TYPE_WORDS[String(e.params.type)] ?? e.params.type}, found ${describe(e.data)}` +
          // YAML reads 8080 or true as a number or boolean; a string wants quotes.
          (e.params.type === "string" && (typeof e.data === "number" || typeof e.data === "boolean") ? ` — quote it: "${String(e.data)}"` : ""),
        pointer: p,
        atKey: false,
      };
    case "enum":
      return {
        ruleId: "schema/enum",
        message: `${path} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, found ${describe(e.data)}`,
        pointer: p,
        atKey: false,
      };
    case "const":
      return { ruleId: "schema/const", message: `${path} must be ${JSON.stringify(e.params.allowedValue)}, found ${describe(e.data)}`, pointer: p, atKey: false };
    case "pattern":
      return {
        ruleId: "schema/pattern",
        message: `${path} ${patternWords(String(e.params.pattern))}, found ${describe(e.data)}`,
        pointer: p,
        atKey: false,
      };
    case "propertyNames":
      return {
        ruleId: "schema/property-name",
        message: `invalid key "${e.params.propertyName}"${at(p)}`,
        pointer: p + toPointer([String(e.params.propertyName)]),
        atKey: true,
      };
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minItems":
    case "maxItems":
    case "minProperties":
      return { ruleId: "schema/range", message: `${path} ${e.message} (found ${describe(e.data)})`, pointer: p, atKey: false };
    case "not":
      if (e.schemaPath.includes("/allOf/0/not")) {
        return {
          ruleId: "schema/deprecated-target",
          message: `${path} must not set "target": in the map form the key is the target path ("target" belongs to the deprecated list form)`,
          pointer: p + "/target",
          atKey: true,
        };
      }
      return { ruleId: "schema/not", message: `${path} ${e.message}`, pointer: p, atKey: false };
    default:
      return { ruleId: `schema/${e.keyword}`, message: `${path} ${e.message ?? "is invalid"}`, pointer: p, atKey: false };
  }
}

/** The schema's patterns in words: a message never shows a raw regular expression. */
const PATTERN_WORDS: Record<string, string> = {
  "^score\\.dev/v1b1$": "must be `score.dev/v1b1`",
  "^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$": "must be 2 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
  "^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$": "must be 2 to 63 letters, digits or '-', starting and ending with a letter or digit",
  "^0?[0-7]{3}$": "must be an octal file mode such as 0644",
  "^[^=]+$": "must not contain '='",
  "^[A-Za-z0-9_-]+$": "must be letters, digits, '_' or '-'",
  "^\\d+(?:m|\\.\\d+)?$": "must be a CPU quantity such as 500m or 1.5",
  "^(0\\.\\d+|[1-9]\\d*(\\.\\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$": "must be a memory quantity such as 128Mi or 1G",
};

function patternWords(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? "is not in the form the Score schema requires";
}

/** One error per problem: a value that breaks its pattern and its length is one finding (the pattern's words say both). */
function oneProblemPerValue(fs: SchemaFinding[]): SchemaFinding[] {
  const patterned = new Set(fs.filter((f) => f.ruleId === "schema/pattern").map((f) => f.pointer));
  return fs.filter((f) => !(f.ruleId === "schema/range" && patterned.has(f.pointer) && /characters|NOT have (more|fewer)/.test(f.message)));
}

function dedupe(fs: SchemaFinding[]): SchemaFinding[] {
  fs = oneProblemPerValue(fs);
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = f.ruleId + "\0" + f.pointer + "\0" + f.message;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
