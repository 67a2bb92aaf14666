// The Score v1b1 schema validator, compiled on first use and shared by every pipeline in the process.
import { readPackageJson } from "../package-root.js";
import { SchemaValidator } from "./schema-validator.js";

let validator: SchemaValidator | undefined;

export function scoreValidator(): SchemaValidator {
  return (validator ??= new SchemaValidator(readPackageJson("schemas/score-v1b1.json"), "workload"));
}
