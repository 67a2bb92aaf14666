// The Compose target: Score workloads + provisioned resources → compose.yaml, mounted files and an
// .env skeleton. Deterministic: fixed key order for Compose keys, code-point order for user maps.
import { join } from "node:path";
import { envRefNames, replaceEnvRefs } from "../../src/emit/env-refs.js";
import type { Artifact, EmitFinding, ProvisionedResource, ResolvedWorkload, Target, TargetOptions } from "../../src/emit/target.js";
import { runPatchTemplates } from "../../src/emit/patch-templates.js";
import { toYaml } from "../../src/emit/yaml-writer.js";
import { packageRoot } from "../../src/package-root.js";
import { toPointer } from "../../src/parse/source-file.js";
import { ENV_KEYS_FRAGMENT } from "../../src/provision/local-env-provisioner.js";
import { composeKeyOrder } from "./key-order.js";
import { checkPublishedWorkloads, publishResourcePorts } from "./publish.js";
import { mergeResourceFragments } from "./resource-fragments.js";
import { workloadServices, type FileMount } from "./services.js";
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
    const findings: EmitFinding[] = [];
    const artifacts: Artifact[] = [];
    const services: Record<string, unknown> = {};
    const byUid = new Map(resources.map((r) => [r.uid, r]));
    checkPublishedWorkloads(options.publish ?? [], workloads);
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
      serviceNamesOf.set(w.name, Object.keys(own));
      Object.assign(services, own);
    }
    const merged = mergeResourceFragments(resources, MOUNTS_DIR);
    artifacts.push(...merged.files);
    // Workloads wait for the resource services (databases, their init jobs…) to be ready.
    publishResourcePorts(options.publish ?? [], resources, merged.services);
    const wait = waitForResources(merged.services);
    if (wait) for (const svc of Object.values(services)) dependOnWait(svc as Record<string, unknown>);
    // Models a provisioner declared are given to the services of the workload that declared the resource.
    for (const [workload, models] of merged.modelsByWorkload) {
      for (const name of serviceNamesOf.get(workload) ?? []) {
        const svc = services[name] as Record<string, unknown>;
        svc.models = { ...(svc.models as Record<string, unknown> | undefined), ...Object.fromEntries(models.map((m) => [m, {}])) };
      }
    }
    const compose: Record<string, unknown> = {
      name: composeProjectName(options.projectName),
      services: { ...merged.services, ...(wait ? { [WAIT_SERVICE]: wait } : {}), ...services },
    };
    // Literal volume names in Score files are declared, so Compose accepts them (provisioned ones win).
    for (const n of namedVolumes) if (!(n in merged.volumes)) merged.volumes[n] = {};
    if (Object.keys(merged.volumes).length) compose.volumes = merged.volumes;
    if (Object.keys(merged.networks).length) compose.networks = merged.networks;
    if (Object.keys(merged.models).length) compose.models = merged.models;
    // Patch templates see the project and the workloads' Score specs, as in score-compose; a failure is
    // reported on the patch file, and the emit stage then writes nothing.
    const patched = options.patchTemplates?.length
      ? runPatchTemplates(compose, options.patchTemplates, (current) => ({ Compose: current, Workloads: Object.fromEntries(workloads.map((w) => [w.name, structuredClone(w.spec)])) }))
      : compose;
    if (!patched) return { artifacts: [], findings };
    artifacts.push({ path: "compose.yaml", content: toYaml(patched, { keyOrder: composeKeyOrder }) });

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
  },
};

export default composeTarget;
