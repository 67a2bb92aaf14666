// Score `before`, the score-compose way: `containers.X.before.Y.ready: R` means X must reach R
// (started / healthy / complete) before Y starts, so the service of Y `depends_on` the service of X.
// The container that owns the workload's network namespace (and answers to the workload's name) must keep
// running: it is the first container, in name order, with no `before` at all. A container whose every
// `before` entry is `complete` runs to completion (an init container): it keeps its own network namespace,
// since joining the owner's would make it wait for a container that itself waits for it.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import type { EmitFinding, ResolvedContainer, ResolvedWorkload } from "../../src/emit/target.js";
import { toPointer } from "../../src/parse/source-file.js";

const READY_TO_CONDITION: Record<string, string> = {
  started: "service_started",
  healthy: "service_healthy",
  complete: "service_completed_successfully",
};

/** The container that owns the network namespace: the first (in name order) with no `before`. */
export function networkOwner(w: ResolvedWorkload): string | undefined {
  return (w.containers.find((c) => Object.keys(c.before).length === 0) ?? w.containers[0])?.name;
}

/** Every `before` entry says `complete`: the container is expected to exit. */
export function runsToCompletion(c: ResolvedContainer): boolean {
  const entries = Object.values(c.before);
  return entries.length > 0 && entries.every((e) => e.ready === "complete");
}

/**
 * `depends_on` per container name (the inverse of `before`), keyed by the service it waits for.
 * `healthy` needs a healthcheck on the container waited for, which only an exec probe gives in Compose.
 */
export function dependsOn(
  w: ResolvedWorkload,
  service: (container: string) => string,
  findings: EmitFinding[],
): Map<string, Record<string, { condition: string; required: true }>> {
  const out = new Map<string, Record<string, { condition: string; required: true }>>();
  for (const c of w.containers) {
    for (const [target, { ready }] of Object.entries(c.before).sort(([a], [b]) => byCodePoint(a, b))) {
      if (ready === "healthy" && !hasExecProbe(c)) {
        const anyProbe = c.readinessProbe !== undefined || c.livenessProbe !== undefined;
        findings.push({
          workload: w.name,
          pointer: toPointer(["containers", c.name, "before", target, "ready"]),
          ruleId: "compose/before-healthy-without-probe",
          severity: "error",
          message: anyProbe
            ? `containers.${c.name}.before: ready 'healthy' needs a healthcheck, and Compose only turns an exec probe into one; give "${c.name}" an exec readinessProbe or livenessProbe`
            : `containers.${c.name}.before: ready 'healthy' requires a readiness or liveness probe to be defined`,
        });
        continue;
      }
      const deps = out.get(target) ?? {};
      deps[service(c.name)] = { condition: READY_TO_CONDITION[ready] ?? "service_started", required: true };
      out.set(target, deps);
    }
  }
  // Code-point order of the services waited for, whatever order the entries were met in.
  for (const [k, deps] of out) out.set(k, Object.fromEntries(Object.entries(deps).sort(([a], [b]) => byCodePoint(a, b))));
  return out;
}

function hasExecProbe(c: ResolvedContainer): boolean {
  return c.readinessProbe?.exec !== undefined || c.livenessProbe?.exec !== undefined;
}
