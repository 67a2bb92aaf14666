// `--publish` on Compose: a workload form publishes on the workload's network owner (services.ts); the
// resource form `HOST:RESOURCE_UID.OUTPUT:PORT` publishes on the service whose name that output holds
// (e.g. a postgres resource's `host`). Anything it cannot find is an option error, as in score-compose.
import { TargetOptionError, type ProvisionedResource, type PublishSpec, type ResolvedWorkload } from "../../src/emit/target.js";

export function checkPublishedWorkloads(publish: readonly PublishSpec[], workloads: readonly ResolvedWorkload[]): void {
  publish.forEach((p, i) => {
    if (p.workload !== undefined && !workloads.some((w) => w.name === p.workload)) {
      const names = workloads.map((w) => w.name).join(", ");
      throw new TargetOptionError(`--publish[${i}] "${p.spec}": failed to find a workload named '${p.workload}' (workloads: ${names || "none"})`);
    }
  });
}

/** Adds the resource-form ports to the provisioners' services (in place). */
export function publishResourcePorts(publish: readonly PublishSpec[], resources: readonly ProvisionedResource[], services: Record<string, unknown>): void {
  publish.forEach((p, i) => {
    if (!p.resource) return;
    const at = `--publish[${i}] "${p.spec}"`;
    const r = resources.find((x) => x.uid === p.resource!.uid);
    if (!r) throw new TargetOptionError(`${at}: failed to find a resource with uid '${p.resource.uid}'`);
    if (!(p.resource.output in r.outputs)) {
      throw new TargetOptionError(`${at}: resource '${r.uid}' has no output '${p.resource.output}' (outputs: ${Object.keys(r.outputs).sort().join(", ") || "none"})`);
    }
    const host = r.outputs[p.resource.output];
    if (typeof host !== "string") throw new TargetOptionError(`${at}: resource '${r.uid}' output '${p.resource.output}' is not a string`);
    const svc = services[host];
    if (!svc || typeof svc !== "object") throw new TargetOptionError(`${at}: host '${host}' is not a service of the Compose project`);
    const s = svc as Record<string, unknown>;
    const ports = Array.isArray(s.ports) ? [...s.ports] : [];
    ports.push({ target: p.port, published: String(p.hostPort) });
    services[host] = { ...s, ports };
  });
}
