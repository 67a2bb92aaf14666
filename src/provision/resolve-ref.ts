// Resolve one placeholder once resources are provisioned: metadata keys, resource outputs (deep paths),
// or, for a volume source, the resource itself. Errors name the known alternatives.
import { envRefNames } from "../emit/env-refs.js";
import type { ExpansionContext } from "../placeholders/expandable.js";
import type { RefSegment } from "../placeholders/parse-placeholders.js";
import { listAlternatives, lookup, type Resolution, type Resolver } from "../placeholders/substitute.js";
import { didYouMean, replaceSegment, resolveStatic } from "../check/placeholder-refs.js";
import { suggest } from "../validate/human-path.js";
import type { Workload } from "../pipeline/tree.js";
import type { ProvisionResult } from "./provision-stage.js";
import { uidFor } from "./resource-graph.js";

/** Marker value: the placeholder named a whole resource (only valid as a volume source). */
export const WHOLE_RESOURCE = Symbol("whole-resource");

export function resolveRef(
  w: Workload & { spec: NonNullable<Workload["spec"]> },
  ref: RefSegment,
  context: ExpansionContext,
  result: ProvisionResult,
  ownResource?: string,
): Resolution {
  const stat = resolveStatic(w, ref, context, ownResource);
  if ("error" in stat || ref.path[0] !== "resources") return stat;
  const name = ref.path[1]!;
  const uid = uidFor(w, name);
  const res = result.resources.get(uid);
  if (!res) return { error: `resource "${name}" (${uid}) was not provisioned (see the error on it)`, ruleId: "provision/not-provisioned" };
  // A cmd:// provisioner that was not run (check without --allow-cmd-provisioners): its outputs are unknown.
  if (result.unknownOutputs?.has(uid)) return { value: "" };
  if (ref.path.length === 2) return { value: { [WHOLE_RESOURCE]: uid } };
  const [output, ...deeper] = ref.path.slice(2);
  const dynamic = result.dynamic.get(uid);
  if (dynamic && !(output! in res.outputs)) {
    if (deeper.length > 0) return { error: `output "${output}" of resource "${name}" is a plain value; ${ref.raw} goes deeper than it` };
    return { value: dynamic(output!) };
  }
  const found = lookup(res.outputs, [output!, ...deeper]);
  if (!found.found) {
    if (found.at === 0) {
      const hint = suggest(output!, Object.keys(res.outputs));
      return {
        error: `resource "${name}" (${uid}) has no output "${output}"${didYouMean(hint)}; its outputs are ${listAlternatives(Object.keys(res.outputs))}`,
        ...(hint ? { replacement: replaceSegment(ref, 2, hint) } : {}),
      };
    }
    return { error: `output "${ref.path.slice(2, 2 + found.at + 1).join(".")}" of resource "${name}" does not exist (${ref.raw})` };
  }
  if (found.value === undefined || found.value === null) return { error: `output "${output}" of resource "${name}" is empty (${ref.raw})` };
  return { value: found.value };
}

/**
 * A resolver that refuses values from the deployer's environment (the `environment` resource). Those are
 * only known when the target runs (Compose interpolates `${NAME}` in compose.yaml at `up` time); where the
 * compiler itself must produce the value — resource params, file contents a target cannot interpolate —
 * score-compose fails with "environment variable 'NAME' must be resolved", and so does scorec (it never
 * reads the environment while compiling, so it cannot resolve it either).
 */
export function refusingEnvRefs(resolve: Resolver, where: string): Resolver {
  return (ref) => {
    const r = resolve(ref);
    if ("error" in r || typeof r.value !== "string") return r;
    const names = envRefNames(r.value);
    if (!names.length) return r;
    return {
      error: `environment variable "${names[0]}" (${ref.raw}) must be resolved when compiling, but ${where}; scorec never reads the environment — use it in a container variable instead`,
      ruleId: "provision/env-not-resolvable",
    };
  };
}
