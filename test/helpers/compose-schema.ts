// The official Compose schema (compose-go copy, draft 2020-12) as an ajv validator.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "yaml";
import { corpus } from "./paths.js";

let validate: ReturnType<InstanceType<typeof Ajv2020.default>["compile"]> | undefined;

export function composeSchemaErrors(yamlText: string): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(corpus("compose-spec", "compose-spec.compose-go-2020-12.json"), "utf8"));
    const ajv = new Ajv2020.default({ allErrors: true, strict: false, validateFormats: false });
    validate = ajv.compile(schema);
  }
  const ok = validate(parse(yamlText));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
