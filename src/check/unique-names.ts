// Workload names must be unique across all input files: they name services, values files and tfvars.
import { reportAt } from "../pipeline/report-at.js";
import type { ProjectTree, Workload } from "../pipeline/tree.js";

export function checkUniqueNames(tree: ProjectTree): void {
  // The first workload of each name; its line is looked up only when another one repeats the name (a
  // position costs a syntax tree of the file, see SourceFile).
  const first = new Map<string, Workload>();
  for (const w of tree.workloads) {
    if (!w.spec) continue;
    const prev = first.get(w.name);
    if (prev) {
      const line = prev.input.source?.rangeOfPointer(prev.doc, "/metadata/name").start.line ?? 1;
      reportAt(w, "/metadata/name", `workload name "${w.name}" is already used by ${prev.input.path}:${line}; names must be unique across all inputs`, {
        ruleId: "score/duplicate-workload",
        severity: "error",
      });
      w.spec = undefined; // compile only the first one
    } else {
      first.set(w.name, w);
    }
  }
}
