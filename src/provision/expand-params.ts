// Resource params may use placeholders, including outputs of resources provisioned earlier (graph order).
import type { ProvisionResult } from "./provision-stage.js";
import type { ResourceNode } from "./resource-graph.js";
import { expandables } from "../placeholders/expandable.js";
import { reportSubstitutionErrors } from "../pipeline/report-at.js";
import { pointerSegments } from "../parse/source-file.js";
import { refusingEnvRefs, resolveRef } from "./resolve-ref.js";
import { substitute } from "../placeholders/substitute.js";

/** Params with placeholders substituted (from the first declaration), or undefined after reporting errors. */
export function expandParams(node: ResourceNode, result: ProvisionResult): Record<string, unknown> | undefined {
  const d = node.declarations[0]!;
  const params = structuredClone(node.params);
  let ok = true;
  for (const e of expandables(d.workload.spec)) {
    if (e.context !== "param" || e.resource !== d.name) continue;
    const resolve = refusingEnvRefs((ref) => resolveRef(d.workload, ref, e.context, result, d.name), "resource params are given to provisioners at compile time");
    const r = substitute(e.value, resolve);
    if (r.errors.length) ok = false;
    reportSubstitutionErrors(d.workload, e.pointer, e.value, r.errors, "provision/missing-output");
    // Write back at the param's path (after /resources/NAME/params).
    const path = pointerSegments(e.pointer).slice(3);
    let cur: Record<string, unknown> = params;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    cur[path[path.length - 1]!] = r.value;
  }
  return ok ? params : undefined;
}
