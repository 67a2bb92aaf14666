// The Score v1b1 schema validator (precompiled by scripts/gen-validators.mjs), shared by the process.
import validate from "../generated/score-validator.js";
import { SchemaValidator } from "./schema-validator.js";

let validator: SchemaValidator | undefined;

export function scoreValidator(): SchemaValidator {
  return (validator ??= new SchemaValidator(validate, "workload"));
}
