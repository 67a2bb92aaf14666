// One workload → the variables of targets/terraform/variables.tf. Env values, file contents and volume
// sources are Terraform string templates: resource outputs (which the Terraform provisioners make
// "${module.<key>.<output>}" references) stay as they are, literal Score text is escaped ("${" → "$${",
// "%{" → "%%{"), and the `environment` resource's values become "${env.NAME}".
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import { replaceEnvRefs } from "../../src/emit/env-refs.js";
import { rawFileContent, rawVariable, valueParts } from "../../src/emit/value-parts.js";
import type { EmitFinding, ProvisionedResource, ResolvedContainer, ResolvedWorkload } from "../../src/emit/target.js";
import { isSecretOutputName } from "../../src/provision/secret-outputs.js";

type Obj = Record<string, unknown>;

/** The reference key of a resource: `<type>_<id>` with every character outside [A-Za-z0-9_] as "_". */
export function resourceKey(type: string, id: string): string {
  return `${type}_${id}`.replace(/[^A-Za-z0-9_]/g, "_");
}

/** Literal text inside a Terraform template. */
export function escapeTfTemplate(s: string): string {
  return s.replace(/([$%])\{/g, "$1$1{");
}

function renderEnvRefs(s: string): string {
  return replaceEnvRefs(s, (n) => "${env." + (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `[${JSON.stringify(n)}]`) + "}");
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface TfVars {
  workload_name: string;
  annotations: Record<string, string>;
  containers: Record<string, Obj>;
  service_ports: Record<string, { port: number; target_port: number; protocol: string }>;
  resources: Record<string, { name: string; type: string; class: string; id: string; params: unknown }>;
}

function probe(p: unknown): Obj | undefined {
  if (!isObj(p)) return undefined;
  const out: Obj = {};
  if (isObj(p.httpGet)) {
    const h = p.httpGet;
    out.http_get = {
      ...(h.scheme !== undefined ? { scheme: h.scheme } : {}),
      ...(h.host !== undefined ? { host: h.host } : {}),
      ...(h.path !== undefined ? { path: h.path } : {}),
      port: h.port,
      ...(Array.isArray(h.httpHeaders) ? { http_headers: h.httpHeaders.map((x: Obj) => ({ name: x.name, value: x.value })) } : {}),
    };
  }
  if (isObj(p.exec)) out.exec = { command: p.exec.command };
  return Object.keys(out).length ? out : undefined;
}

function quantities(r: unknown): Obj | undefined {
  if (!isObj(r)) return undefined;
  const out: Obj = {};
  if (r.cpu !== undefined) out.cpu = String(r.cpu);
  if (r.memory !== undefined) out.memory = String(r.memory);
  return Object.keys(out).length ? out : undefined;
}

export function workloadTfVars(w: ResolvedWorkload, resources: ProvisionedResource[], image: string | undefined, findings: EmitFinding[]): TfVars {
  const byUid = new Map(resources.map((r) => [r.uid, r]));
  const template = (raw: string | undefined, resolved: string, pointer: string): string =>
    valueParts(raw, resolved, w, byUid)
      .map((p) => {
        if (p.kind === "text") return renderEnvRefs(escapeTfTemplate(p.text));
        const res = byUid.get(p.uid);
        const secret = (res?.secretOutputs.includes(p.path[0]!) ?? false) || p.path.some(isSecretOutputName);
        // An output that is no Terraform reference but a secret's value would be written into the tfvars.
        if (secret && !p.text.includes("${")) {
          findings.push({ workload: w.name, pointer, ruleId: "terraform/secret-inlined", severity: "warning", message: `output "${p.path.join(".")}" of resource "${p.resource}" looks secret and is a plain value, so it is written into the tfvars; have its provisioner output a Terraform reference instead` });
        }
        return renderEnvRefs(p.text);
      })
      .join("");

  const containers: Record<string, Obj> = {};
  for (const c of [...w.containers].sort((a, b) => byCodePoint(a.name, b.name))) containers[c.name] = container(w, c, image, template, findings);

  const tfResources: TfVars["resources"] = {};
  for (const name of Object.keys(w.resources).sort(byCodePoint)) {
    const r = byUid.get(w.resources[name]!);
    if (!r) continue;
    tfResources[resourceKey(r.type, r.id)] = { name, type: r.type, class: r.class, id: r.id, params: r.params };
  }
  const service_ports: TfVars["service_ports"] = {};
  for (const p of [...w.ports].sort((a, b) => byCodePoint(a.name, b.name))) service_ports[p.name] = { port: p.port, target_port: p.targetPort, protocol: p.protocol };
  return { workload_name: w.name, annotations: { ...w.annotations }, containers, service_ports, resources: tfResources };
}

function container(
  w: ResolvedWorkload,
  c: ResolvedContainer,
  image: string | undefined,
  template: (raw: string | undefined, resolved: string, pointer: string) => string,
  findings: EmitFinding[],
): Obj {
  const base = `/containers/${c.name}`;
  const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  let img = c.image;
  if (img === ".") {
    if (image) img = image;
    else findings.push({ workload: w.name, pointer: `${base}/image`, ruleId: "terraform/image-unset", severity: "error", message: `container "${c.name}" has image "." (build it yourself); pass --image so the module gets a pullable image` });
  }
  const env: Record<string, string> = {};
  for (const k of Object.keys(c.variables).sort(byCodePoint)) env[k] = template(rawVariable(w, c.name, k), c.variables[k]!, `${base}/variables/${esc(k)}`);
  const files: Record<string, Obj> = {};
  for (const f of [...c.files].sort((a, b) => byCodePoint(a.target, b.target))) {
    const out: Obj = {};
    if (f.binaryContent !== undefined) out.binary_content = f.binaryContent;
    else if (f.noExpand) {
      // Not expanded by scorec, and not a template for the module either.
      out.content = f.content ?? "";
      out.no_expand = true;
    } else out.content = template(rawFileContent(w, c.name, f.target), f.content ?? "", `${base}/files/${esc(f.target)}`);
    if (f.mode) out.mode = f.mode;
    files[f.target] = out;
  }
  const volumes: Record<string, Obj> = {};
  for (const v of [...c.volumes].sort((a, b) => byCodePoint(a.target, b.target))) {
    volumes[v.target] = {
      // A resource's source output is already a template; a literal source is escaped.
      source: v.resource !== undefined ? v.source : escapeTfTemplate(v.source),
      ...(v.resource !== undefined ? { resource: v.resource } : {}),
      kind: v.kind,
      ...(v.path !== undefined ? { path: v.path } : {}),
      read_only: v.readOnly === true,
    };
  }
  const out: Obj = { image: img };
  if (c.command) out.command = [...c.command];
  if (c.args) out.args = [...c.args];
  out.env = env;
  out.files = files;
  out.volumes = volumes;
  const lp = probe(c.livenessProbe);
  const rp = probe(c.readinessProbe);
  if (lp) out.liveness_probe = lp;
  if (rp) out.readiness_probe = rp;
  if (c.resources) {
    const limits = quantities(c.resources.limits);
    const requests = quantities(c.resources.requests);
    if (limits || requests) out.resources = { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
  }
  const before: Record<string, { ready: string }> = {};
  for (const k of Object.keys(c.before).sort(byCodePoint)) before[k] = { ready: c.before[k]!.ready };
  out.before = before;
  return out;
}
