// The Score schema's own patterns for resource names, types, classes and ids, read from the vendored
// schema, so `scorec add resource` refuses exactly what validation would.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";

export interface ScoreNamePatterns {
  resourceName: RegExp;
  type: RegExp;
  class: RegExp;
  id: RegExp;
}

let cached: ScoreNamePatterns | undefined;

export function scoreNamePatterns(): ScoreNamePatterns {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(join(packageRoot(), "schemas", "score-v1b1.json"), "utf8")) as {
    properties: { resources: { propertyNames: { pattern: string } } };
    $defs: { resource: { properties: Record<"type" | "class" | "id", { pattern: string }> } };
  };
  const props = schema.$defs.resource.properties;
  return (cached = {
    resourceName: new RegExp(schema.properties.resources.propertyNames.pattern, "u"),
    type: new RegExp(props.type.pattern, "u"),
    class: new RegExp(props.class.pattern, "u"),
    id: new RegExp(props.id.pattern, "u"),
  });
}
