// One Compose service per Score container, named `<workload>-<container>`, the score-compose mapping:
// one container owns the workload's network namespace and answers to the workload's name; the others that
// keep running join it with `network_mode: service:…` (see start-order.ts for which and why).
import type { EmitFinding, ProvisionedResource, ResolvedContainer, ResolvedWorkload, TargetOptions } from "../../src/emit/target.js";
import { toPointer } from "../../src/parse/source-file.js";
import { composeCpus, composeMemory } from "./quantities.js";
import { dependsOn, networkOwner, runsToCompletion } from "./start-order.js";
import { composeVariable } from "./variables.js";
import { volumeMount } from "./volume-mounts.js";

export type ComposeService = Record<string, unknown>;

/** Compose interpolates `$` in the file: a value from Score must keep its `$` literal. */
export function escapeDollars(s: string): string {
  return s.includes("$") ? s.replace(/\$/g, "$$$$") : s;
}

/**
 * `command` / `args` are not substituted (score-compose neither), so a `$$` there is already written for
 * Compose: keep it, and double every lone `$` so Compose hands `$VAR` to the container's shell.
 */
export function escapeCommandDollars(s: string): string {
  return s.includes("$") ? s.replace(/\$\$|\$/g, "$$$$") : s;
}
export const WORKLOAD_NAME_ANNOTATION = "compose.score.dev/workload-name";

export function serviceName(workload: string, container: string): string {
  return `${workload}-${container}`;
}

export interface FileMount {
  container: string;
  target: string;
  /** Path of the written file relative to the output folder. */
  path: string;
  /** The Score mode takes the owner's write bit away. */
  readOnly: boolean;
}

export function workloadServices(
  w: ResolvedWorkload,
  opts: TargetOptions,
  fileMounts: FileMount[],
  envRef: (s: string) => string,
  findings: EmitFinding[],
  byUid: ReadonlyMap<string, ProvisionedResource> = new Map(),
  namedVolumes?: Set<string>,
): Record<string, ComposeService> {
  const out: Record<string, ComposeService> = {};
  const primary = networkOwner(w);
  const waits = dependsOn(w, (c) => serviceName(w.name, c), findings);
  for (const c of w.containers) {
    const svc: ComposeService = {};
    const build = opts.build ? (opts.build[`${w.name}.${c.name}`] ?? opts.build[c.name]) : undefined;
    if (build) svc.build = typeof build === "string" ? { context: build } : { ...build };
    if (c.image !== "." || !build) svc.image = c.image === "." && opts.image ? opts.image : c.image;
    // Compose would interpolate `$VAR` from the host's environment: keep it for the container's shell.
    if (c.command) svc.entrypoint = c.command.map(escapeCommandDollars);
    if (c.args) svc.command = c.args.map(escapeCommandDollars);
    let env: Record<string, string> | undefined;
    for (const k in c.variables) (env ??= {})[k] = envRef(composeVariable(w, c.name, k, c.variables[k]!, byUid, escapeDollars));
    if (env) svc.environment = env;
    const volumes: Record<string, unknown>[] = [];
    for (const m of fileMounts) {
      if (m.container !== c.name) continue;
      volumes.push(m.readOnly ? { type: "bind", source: `./${m.path}`, target: m.target, read_only: true } : { type: "bind", source: `./${m.path}`, target: m.target });
    }
    for (const v of c.volumes) {
      const mount = volumeMount(w, c, v, byUid, envRef, findings, namedVolumes);
      if (mount) volumes.push(mount);
    }
    if (volumes.length) svc.volumes = volumes;
    if (c.name === primary) {
      const published = (opts.publish ?? []).filter((p) => p.workload !== undefined && p.workload === w.name);
      if (published.length) svc.ports = published.map((p) => ({ target: p.port, published: String(p.hostPort) }));
      svc.networks = { default: { aliases: [w.name] } };
    } else if (!runsToCompletion(c)) {
      svc.network_mode = `service:${serviceName(w.name, primary!)}`;
    }
    const deps = waits.get(c.name);
    if (deps) svc.depends_on = deps;
    const hc = healthcheck(w, c, findings);
    if (hc) svc.healthcheck = hc;
    const deploy = deployResources(w, c, findings);
    if (deploy) svc.deploy = deploy;
    // score-compose's marker of the services a workload produced (patch templates and tools select on it).
    const annotations: Record<string, unknown> = Object.assign({}, w.annotations);
    annotations[WORKLOAD_NAME_ANNOTATION] = w.name;
    svc.annotations = annotations;
    out[serviceName(w.name, c.name)] = svc;
  }
  return out;
}

/** Exec probes become the healthcheck (readiness first: it is what `service_healthy` waits for). */
function healthcheck(w: ResolvedWorkload, c: ResolvedContainer, findings: EmitFinding[]): Record<string, unknown> | undefined {
  let test: string[] | undefined;
  for (const kind of ["readinessProbe", "livenessProbe"] as const) {
    const probe = c[kind];
    if (!probe) continue;
    if (probe.exec && !test) test = ["CMD", ...probe.exec.command];
    if (probe.httpGet) {
      findings.push({
        workload: w.name,
        pointer: toPointer(["containers", c.name, kind, "httpGet"]),
        ruleId: "compose/unmapped-field",
        severity: "warning",
        message: `containers.${c.name}.${kind}.httpGet cannot be expressed in Compose (a healthcheck runs a command inside the container); it is not mapped — add an exec probe to get a healthcheck`,
      });
    }
  }
  // score-compose's cadence: check every 5 s, give up on one check after 5 s.
  return test ? { test, interval: "5s", timeout: "5s" } : undefined;
}

function deployResources(w: ResolvedWorkload, c: ResolvedContainer, findings: EmitFinding[]): Record<string, unknown> | undefined {
  if (!c.resources) return undefined;
  const limits = deployQuantities(w, c, "limits", findings);
  const reservations = deployQuantities(w, c, "requests", findings);
  if (!limits && !reservations) return undefined;
  const res: Record<string, unknown> = {};
  if (limits) res.limits = limits;
  if (reservations) res.reservations = reservations;
  return { resources: res };
}

/** Compose's `cpus` / `memory` of Score's `limits` or `requests`; undefined when neither converts. */
function deployQuantities(w: ResolvedWorkload, c: ResolvedContainer, from: "limits" | "requests", findings: EmitFinding[]): Record<string, string> | undefined {
  const q = c.resources?.[from];
  if (!q) return undefined;
  let entry: Record<string, string> | undefined;
  if (q.cpu !== undefined) {
    const v = composeCpus(q.cpu);
    if (v) (entry ??= {}).cpus = v;
    else findings.push({ workload: w.name, pointer: toPointer(["containers", c.name, "resources", from, "cpu"]), ruleId: "compose/unmapped-field", severity: "warning", message: `cpu quantity "${q.cpu}" cannot be converted for Compose` });
  }
  if (q.memory !== undefined) {
    const v = composeMemory(q.memory);
    if (v) (entry ??= {}).memory = v;
    else findings.push({ workload: w.name, pointer: toPointer(["containers", c.name, "resources", from, "memory"]), ruleId: "compose/unmapped-field", severity: "warning", message: `memory quantity "${q.memory}" cannot be converted for Compose` });
  }
  return entry;
}
