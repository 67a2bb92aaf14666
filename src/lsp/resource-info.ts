// What is known about one resource of the open document: its declaration (from the buffer), the
// provisioner it resolves to and its outputs (from the last successful provisioning, else the
// provisioner's `expected_outputs`).
import { matches, type LoadedProvisioner } from "../provision/provisioner.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { asRecord } from "./doc-model.js";

export interface ResourceInfo {
  name: string;
  type?: string;
  class: string;
  id: string;
  provisioner?: { uri: string; file: string; loaded?: LoadedProvisioner };
  /** Output names, sorted; undefined when nothing is known. */
  outputs?: string[];
  /** True when outputs come from an actual provisioning run, not from the provisioner's declaration. */
  provisioned: boolean;
}

export interface ResourceLookup {
  raw: Record<string, unknown>;
  path: string;
  environment: string;
  provision?: ProvisionResult;
  provisioners: readonly LoadedProvisioner[];
}

export function resourceNames(raw: Record<string, unknown>): string[] {
  return Object.keys(asRecord(raw.resources));
}

export function resourceInfo(name: string, l: ResourceLookup): ResourceInfo | undefined {
  const resources = asRecord(l.raw.resources);
  // Own keys only: `${resources.constructor}` names no resource.
  if (!Object.prototype.hasOwnProperty.call(resources, name)) return undefined;
  const decl = resources[name];
  const r = asRecord(decl);
  const workload = String(asRecord(l.raw.metadata).name ?? "");
  const type = typeof r.type === "string" ? r.type : undefined;
  const info: ResourceInfo = {
    name,
    type,
    class: typeof r.class === "string" ? r.class : "default",
    id: typeof r.id === "string" ? r.id : `${workload}.${name}`,
    provisioned: false,
  };
  // The last provisioning of this file: the node one of whose declarations is this resource.
  for (const node of l.provision?.graph.nodes.values() ?? []) {
    if (!node.declarations.some((d) => d.name === name && d.workload.input.path === l.path)) continue;
    if (node.type !== info.type) break; // stale: the type was edited since
    const done = l.provision?.resources.get(node.uid);
    if (done) {
      info.provisioner = { uri: done.provisioner.uri, file: done.provisioner.file };
      info.outputs = Object.keys(done.outputs).sort();
      info.provisioned = true;
    }
    break;
  }
  if (type) {
    const loaded = l.provisioners.find((p) => matches(p.spec, { type, class: info.class, id: info.id }, l.environment));
    if (loaded) {
      if (!info.provisioner || info.provisioner.uri === loaded.spec.uri) info.provisioner = { uri: loaded.spec.uri, file: loaded.file, loaded };
      if (!info.outputs && loaded.spec.expected_outputs) info.outputs = [...loaded.spec.expected_outputs].sort();
    }
  }
  return info;
}

/** Distinct resource types the loaded provisioners provide, with the first provisioner of each. */
export function provisionerTypes(provisioners: readonly LoadedProvisioner[]): Map<string, LoadedProvisioner> {
  const out = new Map<string, LoadedProvisioner>();
  for (const p of provisioners) if (!out.has(p.spec.type)) out.set(p.spec.type, p);
  return out;
}

