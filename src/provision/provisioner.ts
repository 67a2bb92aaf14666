// A provisioner as loaded from a *.provisioners.yaml file, with where it came from.
import type { ProvisionerFile } from "../generated/provisioners.js";
import type { SourceFile } from "../parse/source-file.js";

export type ProvisionerSpec = ProvisionerFile[number];

export interface LoadedProvisioner {
  spec: ProvisionerSpec;
  /** File it was loaded from (display path) and its index in that file's list. */
  file: string;
  index: number;
  source?: SourceFile;
  /** True for the target's built-in defaults. */
  builtIn: boolean;
}

export function provisionerKind(uri: string): "template" | "cmd" | "local-env" | "unknown" {
  const scheme = uri.slice(0, uri.indexOf("://"));
  return scheme === "template" || scheme === "cmd" || scheme === "local-env" ? scheme : "unknown";
}

export interface ResourceKey {
  type: string;
  class: string;
  id: string;
}

/** First-match rule: type, then class and id when the provisioner sets them, then the environment and target. */
export function matches(p: ProvisionerSpec, r: ResourceKey, environment: string, target?: string): boolean {
  if (p.type !== r.type) return false;
  // score-k8s writes `class: null` for "any class": null and absent mean the same.
  if (p.class != null && p.class !== r.class) return false;
  if (p.id != null && p.id !== r.id) return false;
  if (p.environments !== undefined && !p.environments.includes(environment)) return false;
  if (target !== undefined && p.targets !== undefined && !p.targets.includes(target)) return false;
  return true;
}
