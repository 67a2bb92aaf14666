// Upgrade the deprecated list forms of `files` and `volumes` to the map form (keyed by target path), so
// every later stage sees one shape. Findings keep pointing at the list items as written.
import { toPointer } from "../parse/source-file.js";
import { reportAt } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";

type Item = Record<string, unknown> & { target?: string };

export function normaliseWorkload(w: Workload & { spec: NonNullable<Workload["spec"]> }): void {
  for (const [cname, container] of Object.entries(w.spec.containers)) {
    for (const field of ["files", "volumes"] as const) {
      const list = container[field];
      if (!Array.isArray(list)) continue;
      const map: Record<string, Item> = {};
      const base = toPointer(["containers", cname, field]);
      reportAt(w, base, `${field} as a list is deprecated: write a map keyed by the target path (it is read as one)`, {
        ruleId: "score/deprecated-list-form",
        severity: "info",
        key: true,
      });
      (list as Item[]).forEach((item, index) => {
        const { target, ...rest } = item;
        const at = `${base}/${index}`;
        if (typeof target !== "string" || target === "") {
          reportAt(w, at, `${field}[${index}] has no "target": the list form needs one`, { ruleId: "score/missing-target", severity: "error" });
          return;
        }
        if (target in map) {
          reportAt(w, `${at}/target`, `duplicate ${field} target "${target}"`, { ruleId: "score/duplicate-target", severity: "error" });
          return;
        }
        map[target] = rest;
        w.pointerAliases.set(`${base}${toPointer([target])}`, at);
      });
      (container as unknown as Record<string, unknown>)[field] = map;
    }
  }
}
