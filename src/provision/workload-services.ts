// `.WorkloadServices` for templates: each workload's service name and ports, as score-compose gives them.
import type { Workload } from "../pipeline/tree.js";
import type { WorkloadService } from "./provision-context.js";

export function workloadServices(workloads: readonly (Workload & { spec: NonNullable<Workload["spec"]> })[]): Record<string, WorkloadService> {
  const out: Record<string, WorkloadService> = {};
  for (const w of workloads) {
    const ports: WorkloadService["Ports"] = {};
    for (const [name, p] of Object.entries(w.spec.service?.ports ?? {})) {
      const entry = { Name: name, Port: p.port, TargetPort: p.targetPort ?? p.port, Protocol: p.protocol ?? "TCP" };
      ports[name] = entry;
      ports[String(p.port)] = entry;
    }
    out[w.name] = { ServiceName: w.name, Ports: ports };
  }
  return out;
}
