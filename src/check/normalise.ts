// Upgrade the deprecated list forms of `files` and `volumes` to the map form (keyed by target path), so
// every later stage sees one shape. Findings keep pointing at the list items as written.
import { toPointer } from "../parse/source-file.js";
import { reportAt } from "../pipeline/report-at.js";
import type { Workload } from "../pipeline/tree.js";

type Item = Record<string, unknown> & { target?: string };

export function normaliseWorkload(w: Workload & { spec: NonNullable<Workload["spec"]> }): void {
  // The spec shares its nodes with the document as written (`w.raw`): the path to a field that changes is
  // copied, never written into.
  const owned = new Map<string, Record<string, unknown>>();
  const own = (cname: string): Record<string, unknown> => {
    let c = owned.get(cname);
    if (c) return c;
    if (owned.size === 0) w.spec = { ...w.spec, containers: { ...w.spec.containers } };
    c = { ...(w.spec.containers[cname] as unknown as Record<string, unknown>) };
    (w.spec.containers as unknown as Record<string, unknown>)[cname] = c;
    owned.set(cname, c);
    return c;
  };
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
      own(cname)[field] = map;
    }
  }
}
