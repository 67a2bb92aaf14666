// One workload → the values of scorec's generic chart (targets/helm/chart). The shape is documented in
// chart/values.schema.json; this file only decides what goes where.
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import { rawFileContent, rawVariable, valueParts } from "../../src/emit/value-parts.js";
import type { EmitFinding, ProvisionedResource, ResolvedContainer, ResolvedWorkload, TargetOptions } from "../../src/emit/target.js";
import { envEntries, type EnvEntry } from "./env.js";
import { toPieces, type Piece } from "./pieces.js";
import { startOrder } from "./start-order.js";

type Obj = Record<string, unknown>;

export interface FileEntry {
  mountPath: string;
  key: string;
  mode?: number;
  content?: string;
  binaryContent?: string;
  secret?: true;
  secretKeyRef?: { name: string; key: string };
}

export interface HelmValues {
  workload: { name: string; kind: "Deployment" | "StatefulSet"; replicas: number; annotations: Record<string, string>; labels: Record<string, string> };
  containers: Record<string, Obj>;
  initContainers: { name: string; sidecar: boolean }[];
  service: { type: string; ports: { name: string; port: number; targetPort: number; protocol: string }[] };
  volumes: Record<string, Obj>;
  secrets: Record<string, string>;
  environment: Record<string, string>;
  extraObjects: unknown[];
}

/** Workload annotation asking for a StatefulSet even when no volume needs a per-replica claim. */
export const KIND_ANNOTATION = "scorec.dev/kind";

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function dnsLabel(s: string, prefix: string): string {
  const n = (prefix + s.toLowerCase().replace(/[^a-z0-9-]+/g, "-")).replace(/-+$/, "").slice(0, 63).replace(/-+$/, "");
  return n || prefix.replace(/-$/, "");
}

function probe(w: ResolvedWorkload, c: ResolvedContainer, field: "livenessProbe" | "readinessProbe", findings: EmitFinding[]): Obj | undefined {
  const p = c[field] as Obj | undefined;
  if (!p) return undefined;
  if (isObj(p.httpGet) && isObj(p.exec)) {
    // A Kubernetes probe has exactly one handler.
    findings.push({ workload: w.name, pointer: `/containers/${c.name}/${field}`, ruleId: "helm/probe-two-handlers", severity: "warning", message: `${field} has both httpGet and exec; Kubernetes allows one handler, so the httpGet one is used` });
  }
  if (isObj(p.httpGet)) {
    const h = p.httpGet;
    const out: Obj = { path: h.path, port: h.port };
    if (h.scheme !== undefined) out.scheme = h.scheme;
    if (h.host !== undefined) out.host = h.host;
    if (Array.isArray(h.httpHeaders) && h.httpHeaders.length) out.httpHeaders = h.httpHeaders.map((x: Obj) => ({ name: x.name, value: x.value }));
    return { httpGet: out };
  }
  if (isObj(p.exec)) return { exec: { command: p.exec.command } };
  return undefined;
}

function computeResources(c: ResolvedContainer): Obj | undefined {
  if (!c.resources) return undefined;
  const out: Obj = {};
  for (const k of ["limits", "requests"] as const) {
    const r = c.resources[k] as Obj | undefined;
    if (!r) continue;
    const q: Obj = {};
    if (r.cpu !== undefined) q.cpu = String(r.cpu);
    if (r.memory !== undefined) q.memory = String(r.memory);
    if (Object.keys(q).length) out[k] = q;
  }
  return Object.keys(out).length ? out : undefined;
}

export function workloadValues(
  w: ResolvedWorkload,
  resources: ProvisionedResource[],
  options: TargetOptions,
  findings: EmitFinding[],
): HelmValues {
  const byUid = new Map(resources.map((r) => [r.uid, r]));
  const secrets: Record<string, string> = {};
  const environment: Record<string, string> = {};
  const volumes: Record<string, Obj> = {};
  const containers: Record<string, Obj> = {};
  const order = startOrder(w, findings);
  let perReplica = false;

  const carry = (pieces: Piece[], ownSecrets: Record<string, string>) => {
    Object.assign(secrets, ownSecrets);
    for (const p of pieces) if (p.kind === "env") environment[p.name] = "";
  };

  for (const c of w.containers) {
    const out: Obj = {};
    let image = c.image;
    if (image === ".") {
      if (options.image) image = options.image;
      else findings.push({ workload: w.name, pointer: `/containers/${c.name}/image`, ruleId: "helm/image-unset", severity: "error", message: `container "${c.name}" has image "." (build it yourself); pass --image so the chart gets a pullable image` });
    }
    out.image = image;
    if (c.command) out.command = [...c.command];
    if (c.args) out.args = [...c.args];

    const vars: [string, Piece[]][] = [];
    for (const [name, value] of Object.entries(c.variables)) {
      const r = toPieces(valueParts(rawVariable(w, c.name, name), value, w, byUid), byUid);
      carry(r.pieces, r.ownSecrets);
      vars.push([name, r.pieces]);
    }
    const env: EnvEntry[] = envEntries(vars);
    if (env.length) out.env = env;

    const files: FileEntry[] = [];
    const byTarget = (a: { target: string }, b: { target: string }) => byCodePoint(a.target, b.target);
    [...c.files].sort(byTarget).forEach((f, i) => {
      const pointer = `/containers/${c.name}/files/${f.target.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const base = f.target.split("/").filter(Boolean).pop() ?? "file";
      const key = `${c.name}.${i}.${base}`.replace(/[^-._a-zA-Z0-9]+/g, "_").slice(0, 253);
      const entry: FileEntry = { mountPath: f.target, key };
      if (f.mode) entry.mode = parseInt(f.mode, 8);
      if (f.binaryContent !== undefined) {
        entry.binaryContent = f.binaryContent;
        files.push(entry);
        return;
      }
      const text = f.content ?? "";
      const r = f.noExpand ? { pieces: text ? [{ kind: "text", text } as Piece] : [], ownSecrets: {} } : toPieces(valueParts(rawFileContent(w, c.name, f.target), text, w, byUid), byUid);
      const only = r.pieces.length === 1 ? r.pieces[0]! : undefined;
      if (only?.kind === "secret" && only.name !== undefined) {
        entry.secretKeyRef = { name: only.name, key: only.key };
      } else if (r.pieces.some((p) => p.kind === "env" || (p.kind === "secret" && p.name !== undefined))) {
        findings.push({ workload: w.name, pointer, ruleId: "helm/file-mixed-reference", severity: "error", message: `file ${f.target} mixes text with a Kubernetes Secret reference or an environment value; a mounted file can only be one Secret key as a whole` });
        return;
      } else if (r.pieces.some((p) => p.kind === "secret")) {
        // The file interpolates a plain secret output: the whole file lives in the chart's Secret.
        secrets[key] = r.pieces.map((p) => (p.kind === "text" ? p.text : p.kind === "secret" ? (r.ownSecrets[p.key] ?? "") : "")).join("");
        entry.secret = true;
      } else {
        entry.content = r.pieces.map((p) => (p.kind === "text" ? p.text : "")).join("");
      }
      files.push(entry);
    });
    if (files.length) out.files = files;

    const mounts: Obj[] = [];
    for (const v of [...c.volumes].sort(byTarget)) {
      const pointer = `/containers/${c.name}/volumes/${v.target.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const res = v.resource ? byUid.get(w.resources[v.resource] ?? "") : undefined;
      const name = dnsLabel(v.resource ?? v.source, "vol-");
      let spec: Obj;
      const outputs = res?.outputs ?? {};
      if (isObj(outputs.claim)) {
        const claim = outputs.claim;
        spec = { claim: { size: String(claim.size ?? "1Gi"), accessModes: Array.isArray(claim.accessModes) ? claim.accessModes.map(String) : ["ReadWriteOnce"], ...(claim.storageClassName ? { storageClassName: String(claim.storageClassName) } : {}), perReplica: claim.perReplica === true } };
        if (claim.perReplica === true) perReplica = true;
      } else if (isObj(outputs.source)) {
        spec = { source: outputs.source };
      } else {
        // A plain name: in Kubernetes, the only volume known by name alone is an existing claim.
        spec = { source: { persistentVolumeClaim: { claimName: v.source } } };
        findings.push({ workload: w.name, pointer, ruleId: "helm/volume-by-name", severity: "info", message: `volume source "${v.source}" is not a Kubernetes volume source; mounting it as the existing PersistentVolumeClaim of that name` });
      }
      volumes[name] = spec;
      const m: Obj = { name, mountPath: v.target };
      if (v.path) m.subPath = v.path.replace(/^\/+/, "");
      if (v.readOnly) m.readOnly = true;
      mounts.push(m);
    }
    if (mounts.length) out.volumeMounts = mounts;

    const lp = probe(w, c, "livenessProbe", findings);
    const rp = probe(w, c, "readinessProbe", findings);
    if (lp) out.livenessProbe = lp;
    if (rp) out.readinessProbe = rp;
    const init = order.find((o) => o.name === c.name);
    if (init?.healthy) {
      if (rp ?? lp) out.startupProbe = rp ?? lp;
      else findings.push({ workload: w.name, pointer: `/containers/${c.name}`, ruleId: "helm/healthy-without-probe", severity: "warning", message: `container "${c.name}" is waited for until healthy but has no probe; it is only waited for until started` });
    }
    const cr = computeResources(c);
    if (cr) out.resources = cr;
    containers[c.name] = out;
  }

  // Provisioner manifests: a resource shared by several workloads is carried by the first one (code-point
  // order), so that two releases never both own the same object.
  const extraObjects: unknown[] = [];
  for (const r of [...resources].sort((a, b) => byCodePoint(a.uid, b.uid))) {
    if (!Object.values(w.resources).includes(r.uid)) continue;
    const owner = [...r.workloads].sort()[0];
    if (owner !== undefined && owner !== w.name) continue;
    const m = r.fragments.manifests;
    if (Array.isArray(m)) for (const obj of m) if (isObj(obj)) extraObjects.push(obj);
  }

  const wantKind = w.annotations[KIND_ANNOTATION];
  const kind = perReplica || wantKind === "StatefulSet" ? "StatefulSet" : "Deployment";
  return {
    workload: { name: w.name, kind, replicas: 1, annotations: { ...w.annotations }, labels: {} },
    containers,
    initContainers: order.map((o) => ({ name: o.name, sidecar: o.sidecar })),
    service: { type: "ClusterIP", ports: w.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol })) },
    volumes,
    secrets,
    environment,
    extraObjects,
  };
}
