// Resource params may use placeholders, including outputs of resources provisioned earlier (graph order).
import type { ProvisionResult } from "./provision-stage.js";
import type { ResourceNode } from "./resource-graph.js";
import { expandables } from "../placeholders/expandable.js";
import { reportAt } from "../pipeline/report-at.js";
import { pointerSegments } from "../parse/source-file.js";
import { resolveRef } from "./resolve-ref.js";
import { substitute } from "../placeholders/substitute.js";

/** Params with placeholders substituted (from the first declaration), or undefined after reporting errors. */
export function expandParams(node: ResourceNode, result: ProvisionResult): Record<string, unknown> | undefined {
  const d = node.declarations[0]!;
  const params = structuredClone(node.params);
  let ok = true;
  for (const e of expandables(d.workload.spec)) {
    if (e.context !== "param" || e.resource !== d.name) continue;
    const r = substitute(e.value, (ref) => resolveRef(d.workload, ref, e.context, result, d.name));
    const seen = new Map<string, number>();
    for (const err of r.errors) {
      ok = false;
      const occurrence = seen.get(err.raw) ?? 0;
      seen.set(err.raw, occurrence + 1);
      reportAt(d.workload, e.pointer, err.message, { ruleId: err.ruleId ?? "provision/missing-output", severity: "error", text: err.raw, occurrence });
    }
    // Write back at the param's path (after /resources/NAME/params).
    const path = pointerSegments(e.pointer).slice(3);
    let cur: Record<string, unknown> = params;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    cur[path[path.length - 1]!] = r.value;
  }
  return ok ? params : undefined;
}
