// Workload names must be unique across all input files: they name services, values files and tfvars.
import { reportAt } from "../pipeline/report-at.js";
import type { ProjectTree } from "../pipeline/tree.js";

export function checkUniqueNames(tree: ProjectTree): void {
  const first = new Map<string, { file: string; line: number }>();
  for (const w of tree.workloads) {
    if (!w.spec) continue;
    const prev = first.get(w.name);
    if (prev) {
      reportAt(w, "/metadata/name", `workload name "${w.name}" is already used by ${prev.file}:${prev.line}; names must be unique across all inputs`, {
        ruleId: "score/duplicate-workload",
        severity: "error",
      });
      w.spec = undefined; // compile only the first one
    } else {
      const line = w.input.source?.rangeOfPointer(w.doc, "/metadata/name").start.line ?? 1;
      first.set(w.name, { file: w.input.path, line });
    }
  }
}
