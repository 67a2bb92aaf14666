// Stage "emit": resolved workloads + provisioned resources → artifacts, through the target plug-in.
// Nothing is emitted when any earlier stage found an error: never a partial output.
import type { VFile } from "vfile";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import type { Stage } from "../pipeline/processor.js";
import { reportAt } from "../pipeline/report-at.js";
import { workloadsWithSpec, type ProjectTree } from "../pipeline/tree.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { resolveWorkload } from "../provision/resolve-workloads.js";
import type { Artifact, ResolvedWorkload, Target, TargetOptions } from "./target.js";

export interface EmitOutcome {
  artifacts?: Artifact[];
  workloads: ResolvedWorkload[];
}

function hasErrors(files: readonly VFile[]): boolean {
  return files.some((f) => f.messages.some((m) => m.fatal === true && !(m as unknown as { suppressed?: boolean }).suppressed));
}

export function emitStage(target: Target, options: TargetOptions, root: string): Stage {
  return (tree: ProjectTree) => {
    const outcome: EmitOutcome = { workloads: [] };
    tree.stages.emit = outcome;
    const provision = tree.stages.provision as ProvisionResult | undefined;
    if (!provision?.complete) return;
    // Earlier errors stop here, before resolving: resolving would only report them a second time.
    if (hasErrors([...tree.inputs.map((i) => i.vfile), ...tree.extraFiles]) || tree.workloads.some((w) => !w.spec)) return;
    const workloads = workloadsWithSpec(tree).sort((a, b) => byCodePoint(a.name, b.name));
    let ok = true;
    for (const w of workloads) {
      const r = resolveWorkload(w, provision, root, { fileEnvRefs: target.fileEnvRefs !== false });
      ok &&= r.ok;
      outcome.workloads.push(r.workload);
    }
    if (!ok) return;
    const resources = provision.graph.order.map((u) => provision.resources.get(u)!).filter(Boolean);
    const result = target.emit(outcome.workloads, resources, options);
    const byName = new Map(workloads.map((w) => [w.name, w]));
    for (const f of result.findings) {
      const w = byName.get(f.workload);
      if (w) reportAt(w, f.pointer, f.message, { ruleId: f.ruleId, severity: f.severity, source: "provision" });
    }
    if (result.findings.some((f) => f.severity === "error")) return;
    // Patch templates report on their own files (tree.extraFiles): a failed patch means no output.
    if (hasErrors(tree.extraFiles)) return;
    outcome.artifacts = [...result.artifacts].sort((a, b) => byCodePoint(a.path, b.path));
  };
}
