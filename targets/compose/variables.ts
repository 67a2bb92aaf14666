// A container variable for Compose. Compose interpolates `$` in the file: text the Score file wrote keeps
// its `$` literal (doubled), while a resource output goes in as the provisioner wrote it — score-compose's
// contract, where a provisioner may output a Compose interpolation such as `${DB_HOST?required}`.
import type { ProvisionedResource, ResolvedWorkload } from "../../src/emit/target.js";
import { rawVariable, valueParts } from "../../src/emit/value-parts.js";

export function composeVariable(
  w: ResolvedWorkload,
  container: string,
  name: string,
  value: string,
  byUid: ReadonlyMap<string, ProvisionedResource>,
  escape: (s: string) => string,
): string {
  const raw = rawVariable(w, container, name);
  // Only a `${resources.…}` placeholder makes an output part: without one, every part is the resolved text.
  if (raw === undefined || !raw.includes("resources")) return escape(value);
  return valueParts(raw, value, w, byUid)
    .map((p) => (p.kind === "text" ? escape(p.text) : p.text))
    .join("");
}
