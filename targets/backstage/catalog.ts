// Score workloads and their provisioned resources as Backstage catalog entities: a Component per workload,
// a Resource per provisioned resource (a shared resource is one entity), `dependsOn` edges from each
// workload to its resources and from a resource to the resources its params reference. Ownership comes
// from the workload's annotations; a shared resource takes the owner and system of the first workload
// (code-point order) that declares it.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import type { EmitFinding, ProvisionedResource, ResolvedWorkload } from "../../src/emit/target.js";
import { toPointer } from "../../src/parse/source-file.js";
import { parsePlaceholders } from "../../src/placeholders/parse-placeholders.js";
import { isEntityName, uniqueNames } from "./entity-names.js";

/** Score `metadata.annotations` scorec reads, and the value used when one is absent. */
export const ANNOTATIONS = {
  owner: { key: "backstage.io/owner", fallback: "unknown" },
  system: { key: "backstage.io/system", fallback: undefined },
  lifecycle: { key: "backstage.io/lifecycle", fallback: "experimental" },
  type: { key: "backstage.io/component-type", fallback: "service" },
  description: { key: "backstage.io/description", fallback: undefined },
} as const;

const CONSUMED = new Set<string>(Object.values(ANNOTATIONS).map((a) => a.key));

export interface Entity {
  apiVersion: "backstage.io/v1alpha1";
  kind: "Component" | "Resource";
  metadata: { name: string; description?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

// An entity reference as the catalog accepts it in `owner`/`system`: [kind:][namespace/]name.
const ENTITY_REF = /^(?:([a-zA-Z][a-zA-Z0-9]*):)?(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?(.+)$/;

function checkRef(w: ResolvedWorkload, key: string, value: string, findings: EmitFinding[]): boolean {
  const m = ENTITY_REF.exec(value);
  if (m && isEntityName(m[3]!)) return true;
  findings.push({
    workload: w.name,
    pointer: toPointer(["metadata", "annotations", key]),
    ruleId: "backstage/invalid-entity-ref",
    severity: "error",
    message: `annotation ${key} is "${value}", not a Backstage entity reference ([kind:][namespace/]name, name: 1-63 letters or digits separated by single -, _ or .)`,
  });
  return false;
}

function annotation(w: ResolvedWorkload, a: (typeof ANNOTATIONS)[keyof typeof ANNOTATIONS]): string | undefined {
  const v = w.annotations[a.key];
  return v === undefined || v === "" ? a.fallback : v;
}

interface Ownership {
  owner: string;
  system?: string;
}

/** `dependsOn` targets among resources: resource names a resource's params reference, as uids. */
function paramRefs(w: ResolvedWorkload, name: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      for (const s of parsePlaceholders(v).segments) if (s.kind === "ref" && s.path[0] === "resources" && s.path[1] && w.resources[s.path[1]]) out.add(w.resources[s.path[1]]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(w.spec.resources?.[name]?.params);
  return [...out];
}

export function catalogEntities(workloads: readonly ResolvedWorkload[], resources: readonly ProvisionedResource[], findings: EmitFinding[]): Entity[] {
  const sortedWorkloads = [...workloads].sort((a, b) => byCodePoint(a.name, b.name));
  const sortedResources = [...resources].sort((a, b) => byCodePoint(a.uid, b.uid));
  const names = uniqueNames(sortedResources.map((r) => ({ key: r.uid, preferred: r.id })));
  const ref = (uid: string) => `resource:default/${names.get(uid)}`;

  const ownership = new Map<string, Ownership>();
  const components: Entity[] = [];
  const resourceDeps = new Map<string, Set<string>>();
  for (const w of sortedWorkloads) {
    let owner = annotation(w, ANNOTATIONS.owner)!;
    let system = annotation(w, ANNOTATIONS.system);
    if (!checkRef(w, ANNOTATIONS.owner.key, owner, findings)) owner = ANNOTATIONS.owner.fallback;
    if (system !== undefined && !checkRef(w, ANNOTATIONS.system.key, system, findings)) system = undefined;
    ownership.set(w.name, { owner, system });
    for (const name of Object.keys(w.resources)) {
      const uid = w.resources[name]!;
      const deps = resourceDeps.get(uid) ?? new Set<string>();
      for (const d of paramRefs(w, name)) if (d !== uid) deps.add(d);
      resourceDeps.set(uid, deps);
    }
    const passed = Object.keys(w.annotations)
      .filter((k) => k.startsWith("backstage.io/") && !CONSUMED.has(k))
      .sort(byCodePoint);
    const description = annotation(w, ANNOTATIONS.description);
    components.push({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: {
        name: w.name,
        ...(description ? { description } : {}),
        ...(passed.length ? { annotations: Object.fromEntries(passed.map((k) => [k, w.annotations[k]!])) } : {}),
      },
      spec: {
        type: annotation(w, ANNOTATIONS.type),
        lifecycle: annotation(w, ANNOTATIONS.lifecycle),
        owner,
        ...(system ? { system } : {}),
        ...dependsOn([...new Set(Object.values(w.resources))].map(ref)),
      },
    });
  }

  const entities: Entity[] = [...components];
  for (const r of sortedResources) {
    const first = r.workloads.map((n) => ownership.get(n)).find(Boolean) ?? { owner: ANNOTATIONS.owner.fallback };
    entities.push({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Resource",
      metadata: {
        name: names.get(r.uid)!,
        annotations: { "score.dev/resource-uid": r.uid, "score.dev/provisioner": r.provisioner.uri },
      },
      spec: {
        type: r.type,
        owner: first.owner,
        ...(first.system ? { system: first.system } : {}),
        ...dependsOn([...(resourceDeps.get(r.uid) ?? [])].map(ref)),
      },
    });
  }
  return entities;
}

function dependsOn(refs: string[]): { dependsOn?: string[] } {
  return refs.length ? { dependsOn: [...new Set(refs)].sort(byCodePoint) } : {};
}
