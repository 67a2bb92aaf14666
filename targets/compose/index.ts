// The Compose target: Score workloads + provisioned resources → compose.yaml, mounted files and an
// .env skeleton. Deterministic: fixed key order for Compose keys, code-point order for user maps.
import { join } from "node:path";
import { envRefNames, replaceEnvRefs } from "../../src/emit/env-refs.js";
import type { Artifact, EmitFinding, ProvisionedResource, ResolvedWorkload, Target, TargetOptions } from "../../src/emit/target.js";
import { runPatchTemplates } from "../../src/emit/patch-templates.js";
import { toYaml } from "../../src/emit/yaml-writer.js";
import { layoutYamlEntry } from "../../src/emit/yaml-layout.js";
import { byCodePoint } from "../../src/diagnostics/diagnostic.js";
import { packageRoot } from "../../src/package-root.js";
import { toPointer } from "../../src/parse/source-file.js";
import { ENV_KEYS_FRAGMENT } from "../../src/provision/local-env-provisioner.js";
import { composeKeyOrder } from "./key-order.js";
import { checkPublishedWorkloads, publishResourcePorts } from "./publish.js";
import { mergeResourceFragments } from "./resource-fragments.js";
import { serviceName, workloadServices, type ComposeService, type FileMount } from "./services.js";
import { dependOnWait, WAIT_SERVICE, waitForResources } from "./wait-for-resources.js";

export const MOUNTS_DIR = "mounts";

/** Compose project names: lowercase letters, digits, dashes and underscores, starting with a letter/digit. */
export function composeProjectName(name: string): string {
  const n = name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z0-9]+/, "");
  return n || "scorec";
}

/**
 * score-compose's file-mode rule: files are written 0644 and mounted read-write unless the Score mode takes
 * the owner's write (or read) bit away; then the file gets the owner's read-write bits back on disk (so it
 * can still be removed without sudo) and the bind mount is read-only instead.
 */
export function fileMountMode(mode: string | undefined): { mode: number; readOnly: boolean } | { error: string } {
  if (mode === undefined) return { mode: 0o644, readOnly: false };
  const n = parseInt(mode, 8);
  if (!/^[0-7]+$/.test(mode) || n > 0o777) return { error: `file mode "${mode}" must be an octal mode up to 0777` };
  if ((n & 0o400) !== 0o400) return { error: `file mode "${mode}" must be at least 0400 (the owner must be able to read it)` };
  if ((n & 0o600) !== 0o600) return { mode: n | 0o600, readOnly: true };
  return { mode: n, readOnly: false };
}

export const composeTarget: Target = {
  name: "compose",
  description: "Docker Compose: compose.yaml, mounted files and an .env skeleton",
  fragmentFields: ["services", "volumes", "networks", "files", "directories", "models"],
  fileEnvRefs: false,
  patchTemplates: true,
  get defaultProvisionersDir() {
    return join(packageRoot(), "targets", "compose", "provisioners");
  },
  emit(workloads: ResolvedWorkload[], resources: ProvisionedResource[], options: TargetOptions) {
    // Written service by service unless patch templates need the whole project as data, or two workloads
    // produce the same service name (the later one wins): then the project is built first, then written.
    const direct = !options.patchTemplates?.length && distinctServiceNames(workloads);
    return (direct && emitCompose(workloads, resources, options, true)) || emitCompose(workloads, resources, options, false)!;
  },
};

function distinctServiceNames(workloads: readonly ResolvedWorkload[]): boolean {
  const names = new Set<string>();
  for (const w of workloads) {
    for (const c of w.containers) {
      const n = serviceName(w.name, c.name);
      if (names.has(n)) return false;
      names.add(n);
    }
  }
  return true;
}

/**
 * `direct`: each workload's services are laid out as YAML as soon as they are made, so a project of
 * thousands of workloads never holds all their service trees at once (the same bytes as laying out the
 * whole project; undefined when a service needs the library's layout, and the caller builds the project).
 */
function emitCompose(workloads: ResolvedWorkload[], resources: ProvisionedResource[], options: TargetOptions, direct: boolean): { artifacts: Artifact[]; findings: EmitFinding[] } | undefined {
  const findings: EmitFinding[] = [];
  const artifacts: Artifact[] = [];
  const services: Record<string, unknown> = {};
  /** direct: workload service name → its lines under `services:`. */
  const written = new Map<string, string>();
  /** direct: the workload service with the greatest name, laid out again if it ends the document. */
  let greatest: { name: string; svc: ComposeService } | undefined;
  const byUid = new Map(resources.map((r) => [r.uid, r]));
  checkPublishedWorkloads(options.publish ?? [], workloads);
  const merged = mergeResourceFragments(resources, MOUNTS_DIR);
  publishResourcePorts(options.publish ?? [], resources, merged.services);
  // Workloads wait for the resource services (databases, their init jobs…) to be ready.
  const wait = waitForResources(merged.services);
  const serviceNamesOf = new Map<string, string[]>();
  const namedVolumes = new Set<string>();
  for (const w of workloads) {
    const mounts: FileMount[] = [];
    for (const c of w.containers) {
      c.files.forEach((f) => {
        const path = `${MOUNTS_DIR}/files/${w.name}-${c.name}${f.target.startsWith("/") ? "" : "/"}${f.target}`;
        const content = f.binaryContent !== undefined ? Buffer.from(f.binaryContent, "base64") : (f.content ?? "");
        const mode = fileMountMode(f.mode);
        if ("error" in mode) {
          findings.push({ workload: w.name, pointer: toPointer(["containers", c.name, "files", f.target, "mode"]), ruleId: "compose/file-mode", severity: "error", message: mode.error });
          return;
        }
        artifacts.push({ path, content, mode: mode.mode });
        mounts.push({ container: c.name, target: f.target, path, readOnly: mode.readOnly });
      });
    }
    const own = workloadServices(w, options, mounts, (s) => replaceEnvRefs(s, (n) => "${" + n + "}"), findings, byUid, namedVolumes);
    if (!direct) {
      serviceNamesOf.set(w.name, Object.keys(own));
      Object.assign(services, own);
      continue;
    }
    // Service names are distinct here, so each workload's services are final once made.
    const models = merged.modelsByWorkload.get(w.name);
    for (const [name, svc] of Object.entries(own)) {
      if (wait) dependOnWait(svc);
      if (models) addModels(svc, models);
      const text = layoutYamlEntry(name, svc, ["services"], 1, composeKeyOrder, false);
      if (text === undefined) return undefined;
      written.set(name, text);
      if (!greatest || byCodePoint(name, greatest.name) > 0) greatest = { name, svc };
    }
  }
  artifacts.push(...merged.files);
  if (!direct) {
    if (wait) for (const svc of Object.values(services)) dependOnWait(svc as Record<string, unknown>);
    // Models a provisioner declared are given to the services of the workload that declared the resource.
    for (const [workload, models] of merged.modelsByWorkload) {
      for (const name of serviceNamesOf.get(workload) ?? []) addModels(services[name] as ComposeService, models);
    }
  }
  const resourceServices: Record<string, unknown> = { ...merged.services, ...(wait ? { [WAIT_SERVICE]: wait } : {}) };
  const compose: Record<string, unknown> = {
    name: composeProjectName(options.projectName),
    services: { ...resourceServices, ...services },
  };
  // Literal volume names in Score files are declared, so Compose accepts them (provisioned ones win).
  for (const n of namedVolumes) if (!(n in merged.volumes)) merged.volumes[n] = {};
  if (Object.keys(merged.volumes).length) compose.volumes = merged.volumes;
  if (Object.keys(merged.networks).length) compose.networks = merged.networks;
  if (Object.keys(merged.models).length) compose.models = merged.models;
  let text: string | undefined;
  if (direct) {
    text = composeText(compose, resourceServices, written, greatest);
    if (text === undefined) return undefined;
  } else {
    // Patch templates see the project and the workloads' Score specs, as in score-compose; a failure is
    // reported on the patch file, and the emit stage then writes nothing.
    const patched = options.patchTemplates?.length
      ? runPatchTemplates(compose, options.patchTemplates, (current) => ({ Compose: current, Workloads: Object.fromEntries(workloads.map((w) => [w.name, structuredClone(w.spec)])) }))
      : compose;
    if (!patched) return { artifacts: [], findings };
    text = toYaml(patched, { keyOrder: composeKeyOrder });
  }
  artifacts.push({ path: "compose.yaml", content: text });

  // .env skeleton: the variables `environment` resources were asked for, plus any other env refs.
  const envNames = new Set<string>();
  for (const r of resources) {
    const asked = r.fragments[ENV_KEYS_FRAGMENT];
    if (asked instanceof Set) for (const n of asked) envNames.add(String(n));
  }
  for (const w of workloads) for (const c of w.containers) for (const v of Object.values(c.variables)) envRefNames(v).forEach((n) => envNames.add(n));
  if (envNames.size) {
    const lines = [...envNames].sort().map((n) => `${n}=`);
    artifacts.push({ path: ".env.example", content: `# Variables the environment resource refers to: copy to .env and fill in.\n${lines.join("\n")}\n` });
  }
  return { artifacts, findings };
}

function addModels(svc: ComposeService, models: readonly string[]): void {
  svc.models = { ...(svc.models as Record<string, unknown> | undefined), ...Object.fromEntries(models.map((m) => [m, {}])) };
}

/**
 * compose.yaml from the project whose workload services are already laid out (`written`): the same
 * entries in the same order as toYaml(compose) — name, services by code point, then volumes, networks,
 * models. `compose.services` holds the resource services and the workloads' (which win on a name).
 */
function composeText(compose: Record<string, unknown>, resourceServices: Record<string, unknown>, written: ReadonlyMap<string, string>, greatest: { name: string; svc: ComposeService } | undefined): string | undefined {
  const tail = (["volumes", "networks", "models"] as const).filter((k) => compose[k] !== undefined);
  const names: string[] = [];
  for (const n of Object.keys(resourceServices)) if (resourceServices[n] !== undefined && !written.has(n)) names.push(n);
  for (const n of written.keys()) names.push(n);
  names.sort(); // code-unit order, byCodePoint's, without a call per comparison
  const head = layoutYamlEntry("name", compose.name, [], 0, composeKeyOrder, false);
  if (head === undefined || names.length === 0) return undefined; // `services: {}`: the whole-project path
  const parts = [head, "services:\n"];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const last = tail.length === 0 && i === names.length - 1;
    const done = written.get(name);
    // A workload service written before it was known to end the document is laid out again (the chomping
    // of a final block scalar depends on it).
    const text =
      done !== undefined && !(last && greatest?.name === name)
        ? done
        : layoutYamlEntry(name, done !== undefined ? greatest!.svc : resourceServices[name], ["services"], 1, composeKeyOrder, last);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  for (const [i, k] of tail.entries()) {
    const text = layoutYamlEntry(k, compose[k], [], 0, composeKeyOrder, i === tail.length - 1);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return parts.join("");
}

export default composeTarget;
