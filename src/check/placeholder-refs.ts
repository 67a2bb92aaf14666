// Every placeholder must be well formed and name something that exists: `metadata.<key…>` in this
// workload's metadata, `resources.<name>` among its resources. Outputs are checked when provisioning
// (only the provisioner knows them). Errors sit at the exact column of the placeholder.
import type { RefSegment } from "../placeholders/parse-placeholders.js";
import { expandables, type ExpansionContext } from "../placeholders/expandable.js";
import { listAlternatives, lookup, substitutionErrors, type Resolution } from "../placeholders/substitute.js";
import { reportSubstitutionErrors } from "../pipeline/report-at.js";
import { suggest } from "../validate/human-path.js";
import type { Workload } from "../pipeline/tree.js";

export function checkPlaceholderRefs(w: Workload & { spec: NonNullable<Workload["spec"]> }): void {
  for (const e of expandables(w.spec)) {
    // A value with no `$` has nothing to resolve; its pointer is made only for a value with errors.
    if (e.value.indexOf("$") < 0) continue;
    const errors = substitutionErrors(e.value, (ref) => resolveStatic(w, ref, e.context, e.resource, ref.start === 0 && ref.end === e.value.length));
    if (errors.length) reportSubstitutionErrors(w, e.pointer, e.value, errors, "score/placeholder");
  }
}

/** What can be resolved before provisioning; resource outputs resolve to a stand-in. */
/**
 * `whole`: the placeholder is the entire value — the only way a volume source may name a resource itself
 * (inside a longer string there is nothing sensible to insert).
 */
export function resolveStatic(w: Workload & { spec: NonNullable<Workload["spec"]> }, ref: RefSegment, context: ExpansionContext, ownResource?: string, whole = false): Resolution {
  const root = ref.path[0];
  const rest = ref.path.slice(1);
  if (root === "metadata") {
    if (rest.length === 0) return { error: `${ref.raw} refers to the whole metadata; name a key, e.g. \${metadata.name}`, ruleId: "score/unknown-metadata" };
    const found = lookup(w.spec.metadata, rest);
    if (!found.found) {
      const parent = lookup(w.spec.metadata, rest.slice(0, found.at));
      const keys = parent.found && parent.value && typeof parent.value === "object" ? Object.keys(parent.value) : [];
      const bad = rest[found.at]!;
      const hint = suggest(bad, keys);
      return {
        error: `unknown metadata key "${rest.slice(0, found.at + 1).join(".")}" in ${ref.raw}${didYouMean(hint)}; known: ${listAlternatives(keys)}`,
        ruleId: "score/unknown-metadata",
        ...(hint ? { replacement: replaceSegment(ref, found.at + 1, hint) } : {}),
      };
    }
    return { value: found.value };
  }
  if (root === "resources") {
    const names = Object.keys(w.spec.resources ?? {});
    const name = rest[0];
    if (name === undefined) return { error: `${ref.raw} needs a resource name, e.g. \${resources.db.host}; resources: ${listAlternatives(names)}`, ruleId: "score/unknown-resource" };
    if (!names.includes(name)) {
      const hint = suggest(name, names);
      return {
        error: `unknown resource "${name}" in ${ref.raw}${didYouMean(hint)}; resources of ${w.name}: ${listAlternatives(names)}`,
        ruleId: "score/unknown-resource",
        ...(hint ? { replacement: replaceSegment(ref, 1, hint) } : {}),
      };
    }
    if (name === ownResource) return { error: `resource "${name}" cannot refer to its own outputs in its params (${ref.raw})`, ruleId: "score/unknown-resource" };
    if (rest.length === 1 && !(context === "volume" && whole))
      return { error: `${ref.raw} refers to the resource itself, which only a volume source may do; name an output, e.g. \${resources.${name}.host}`, ruleId: "score/unknown-resource" };
    return { value: "" };
  }
  return { error: `unknown placeholder root "${root}" in ${ref.raw}: placeholders start with metadata or resources`, ruleId: "score/unknown-placeholder" };
}

/** ` — did you mean "x"?` when there is a close candidate (the language server's quick fix reads it). */
export function didYouMean(hint: string | undefined): string {
  return hint ? ` — did you mean "${hint}"?` : "";
}

/** The placeholder with path segment `index` replaced (dots inside keys escaped again). */
export function replaceSegment(ref: RefSegment, index: number, by: string): string {
  return "${" + ref.path.map((p, i) => (i === index ? by : p).replaceAll(".", "\\.")).join(".") + "}";
}
