// Merge what provisioners rendered (services, volumes, networks, files) into the project. Resources are
// applied in provisioning order and later ones win on the same name — shared resources (one postgres
// instance for several databases) re-render the same service with everything accumulated so far.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import type { Artifact, ProvisionedResource } from "../../src/emit/target.js";

export interface MergedFragments {
  services: Record<string, unknown>;
  volumes: Record<string, unknown>;
  networks: Record<string, unknown>;
  models: Record<string, unknown>;
  /** Workload name → names of the models its resources declared (score-compose: the declaring workload). */
  modelsByWorkload: Map<string, string[]>;
  files: Artifact[];
}

function asMap(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Provisioner files write `readOnly` (a score-compose quirk); the Compose spec calls it `read_only`. */
function normaliseService(svc: unknown): unknown {
  const s = asMap(svc);
  if (!Array.isArray(s.volumes)) return svc;
  return {
    ...s,
    volumes: s.volumes.map((v) => {
      const m = asMap(v);
      if (!("readOnly" in m)) return v;
      const { readOnly, ...rest } = m;
      return { ...rest, read_only: readOnly };
    }),
  };
}

export function mergeResourceFragments(resources: readonly ProvisionedResource[], mountsDir: string): MergedFragments {
  const out: MergedFragments = { services: {}, volumes: {}, networks: {}, models: {}, modelsByWorkload: new Map(), files: [] };
  const files = new Map<string, string>();
  for (const r of resources) {
    const f = r.fragments;
    // Most resources render only some of the fields: an absent one costs no entry list.
    if (f.services !== undefined) for (const [name, svc] of Object.entries(asMap(f.services))) out.services[name] = normaliseService(svc);
    if (f.volumes !== undefined) for (const [name, vol] of Object.entries(asMap(f.volumes))) out.volumes[name] = vol ?? {};
    if (f.networks !== undefined) for (const [name, net] of Object.entries(asMap(f.networks))) out.networks[name] = net ?? {};
    if (f.models !== undefined) {
      const declared = asMap(f.models);
      const models = Object.keys(declared);
      for (const name of models) out.models[name] = declared[name] ?? {};
      // The first declaring workload is score-compose's "source workload" of a shared resource.
      const source = r.workloads[0];
      if (models.length && source !== undefined) out.modelsByWorkload.set(source, [...(out.modelsByWorkload.get(source) ?? []), ...models]);
    }
    if (f.files !== undefined) for (const [path, content] of Object.entries(asMap(f.files))) files.set(path, typeof content === "string" ? content : JSON.stringify(content));
  }
  for (const [path, content] of [...files].sort(([a], [b]) => byCodePoint(a, b))) {
    // Verbatim, as score-compose writes it: the file is the provisioner's, not a file scorec formats.
    out.files.push({ path: `${mountsDir}/${path.replace(/^\/+/, "")}`, content });
  }
  return out;
}
