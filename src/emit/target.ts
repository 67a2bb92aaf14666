// The Target plug-in interface. A target is one folder under targets/<name>/ exporting a `Target`;
// adding one touches no other target. Emitters return artifacts; only the writer touches disk.
import type { Range } from "../diagnostics/diagnostic.js";
import type { ScoreWorkload } from "../generated/score.js";
import type { BuildConfig } from "./build-flags.js";
import type { PatchTemplate } from "./patch-templates.js";

/** One output file: a POSIX path relative to the output folder, and its exact content (LF, final newline; files a provisioner supplies are written verbatim). */
export interface Artifact {
  path: string;
  content: string | Uint8Array;
  /** File mode to create it with (octal number, e.g. 0o644); default 0o644. */
  mode?: number;
}

/** A resource after provisioning. */
export interface ProvisionedResource {
  /** `type.class#id`. */
  uid: string;
  type: string;
  class: string;
  id: string;
  /** Params after placeholder substitution. */
  params: Record<string, unknown>;
  /** Outputs, as the provisioner produced them (secrets included: emitters decide how to carry them). */
  outputs: Record<string, unknown>;
  /** Output names the provisioner marks secret-looking (passwords, keys): emitters should not inline them. */
  secretOutputs: string[];
  /** The provisioner that matched: its uri and the file it was loaded from. */
  provisioner: { uri: string; file: string };
  /**
   * Target fragments the provisioner rendered, keyed by the provisioner-file field that produced them:
   * compose: services / volumes / networks / models / files / directories; helm & terraform: manifests;
   * any target: info_logs (a list of messages for the user).
   */
  fragments: Record<string, unknown>;
  /** Workloads that declared it (several for shared resources). */
  workloads: string[];
}

/** A container after placeholder expansion of variables, files and volume sources. */
export interface ResolvedFile {
  /** Target path inside the container (the map key; upgraded from the deprecated list form). */
  target: string;
  mode?: string;
  /** Exactly one of content (text) or binaryContent (base64) is set; `source` files are read by the compiler. */
  content?: string;
  binaryContent?: string;
  noExpand?: boolean;
}

export interface ResolvedVolume {
  target: string;
  /** The resource the source resolved to (for `${resources.NAME}` sources), else undefined. */
  resource?: string;
  /** The resolved source: a resource's `source` output, or the literal string. */
  source: string;
  /** The resource's `source` output as provided (it may be an object, e.g. score-k8s `{emptyDir: {}}`). */
  sourceValue?: unknown;
  /** Volume kind from the resource outputs (`volume`, `bind`, `tmpfs`), default `volume`. */
  kind: string;
  path?: string;
  readOnly?: boolean;
}

export interface ResolvedContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  /** Variables after substitution, in code-point order of their names. */
  variables: Record<string, string>;
  files: ResolvedFile[];
  volumes: ResolvedVolume[];
  resources?: NonNullable<ScoreWorkload["containers"][string]["resources"]>;
  livenessProbe?: ScoreWorkload["containers"][string]["livenessProbe"];
  readinessProbe?: ScoreWorkload["containers"][string]["readinessProbe"];
  /** `before` as written: container name → { ready }. */
  before: Record<string, { ready: string }>;
}

export interface ResolvedWorkload {
  name: string;
  /** Path of the Score file it came from (for messages), POSIX. */
  file: string;
  annotations: Record<string, string>;
  /** The whole normalised spec, for targets that need more. */
  spec: ScoreWorkload;
  /** Containers in code-point order of their names. */
  containers: ResolvedContainer[];
  /** Service ports in code-point order of their names. */
  ports: { name: string; port: number; targetPort: number; protocol: string }[];
  /** Resource name (as in the Score file) → provisioned resource uid. */
  resources: Record<string, string>;
}

export interface TargetOptions {
  /** Output folder as given (for relative paths inside artifacts, e.g. mounts). */
  outputDir: string;
  /** Compose project name (compose), release name (helm)… derived from the output folder by default. */
  projectName: string;
  /** `--image` override for containers whose image is "." ; `--build container=dir`. */
  image?: string;
  build?: Record<string, string | BuildConfig>;
  /** `--publish HOST:WORKLOAD:PORT` or `--publish HOST:RESOURCE_UID.OUTPUT:PORT` (the output names a service). */
  publish?: PublishSpec[];
  /** `--override-property path=value` and `--overrides-file` contents, applied by the target. */
  overrides?: { path: string; value: unknown; file?: string }[];
  environment: string;
  /** Kubernetes namespace for targets that render manifests (provisioners see it as `.Namespace`). */
  namespace?: string;
  /** helm: also write scorec's chart under `chart/` in the output folder (`--write-chart`). */
  writeChart?: boolean;
  /** `--patch-templates`: applied in order to the output by targets that support them (compose). */
  patchTemplates?: PatchTemplate[];
}

export interface PublishSpec {
  /** The flag's value as typed, for messages. */
  spec: string;
  hostPort: number;
  port: number;
  /** Exactly one of: the workload whose network owner publishes the port, or a resource output naming a service. */
  workload?: string;
  resource?: { uid: string; output: string };
}

/**
 * A command-line option the target cannot honour (e.g. `--publish` naming an unknown workload): not a
 * finding in any file, so the CLI reports it as a usage error and writes nothing.
 */
export class TargetOptionError extends Error {}

/** A finding an emitter wants to report (e.g. "httpGet probes cannot be expressed in Compose"). */
export interface EmitFinding {
  workload: string;
  /** JSON pointer into that workload's Score document. */
  pointer: string;
  ruleId: string;
  severity: "error" | "warning" | "info";
  message: string;
  range?: Range;
}

export interface EmitResult {
  artifacts: Artifact[];
  findings: EmitFinding[];
}

export interface Target {
  name: string;
  description: string;
  /** Folder (absolute) of the target's built-in *.provisioners.yaml files. */
  defaultProvisionersDir: string;
  /**
   * Provisioner-file fields whose rendered fragments this target turns into output (compose: services…,
   * helm: manifests). A provisioner that renders any other fragment field is an error on this target.
   */
  fragmentFields: readonly string[];
  /**
   * False when the target cannot render values of the `environment` resource inside file contents (Compose
   * bind-mounts files as written; only compose.yaml is interpolated): such a placeholder is then an error.
   */
  fileEnvRefs?: boolean;
  /** True when the target applies `--patch-templates` (others refuse the flag). */
  patchTemplates?: boolean;
  /** Extra template functions the target's provisioner files may call (e.g. score-k8s `encodeSecretRef`). */
  templateFuncs?: Record<string, (...args: unknown[]) => unknown>;
  emit(workloads: ResolvedWorkload[], resources: ProvisionedResource[], options: TargetOptions): EmitResult;
  /** How `generate -o -` prints the artifacts, when the default (a `---` YAML stream) does not fit. */
  print?(artifacts: readonly Artifact[]): string;
}
