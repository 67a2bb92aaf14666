// The Backstage target: one `catalog-info.yaml` holding the catalog entities of all workloads (see
// catalog.ts). Resources are provisioned as for Compose (its built-in provisioner files, plus the
// project's), so what compiles for Compose describes itself to Backstage with the same resources.
import { join } from "node:path";
import type { EmitFinding, ProvisionedResource, ResolvedWorkload, Target } from "../../src/emit/target.js";
import { toYaml } from "../../src/emit/yaml-writer.js";
import { packageRoot } from "../../src/package-root.js";
import { catalogEntities, type Entity } from "./catalog.js";

const KEY_ORDER: Record<string, readonly string[]> = {
  "": ["apiVersion", "kind", "metadata", "spec"],
  metadata: ["name", "description", "annotations"],
  spec: ["type", "lifecycle", "owner", "system", "dependsOn"],
};

/** The entities as one multi-document YAML stream, each document in the catalog's usual key order. */
export function serialiseCatalog(entities: readonly Entity[]): string {
  return entities.map((e) => toYaml(e, { keyOrder: (path) => KEY_ORDER[path.join(".")] })).join("---\n");
}

export const backstageTarget: Target = {
  name: "backstage",
  description: "Backstage: catalog-info.yaml with a Component per workload and a Resource per resource",
  get defaultProvisionersDir() {
    return join(packageRoot(), "targets", "compose", "provisioners");
  },
  // It provisions with Compose's provisioners only to learn what exists: their fragments are accepted, not written.
  fragmentFields: ["services", "volumes", "networks", "files", "directories", "models"],
  emit(workloads: ResolvedWorkload[], resources: ProvisionedResource[]) {
    const findings: EmitFinding[] = [];
    const entities = catalogEntities(workloads, resources, findings);
    return { artifacts: [{ path: "catalog-info.yaml", content: serialiseCatalog(entities) }], findings };
  },
};

export default backstageTarget;
