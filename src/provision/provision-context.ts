// What every provisioner kind receives besides the resource itself.
import type { LoadedProvisioner } from "./provisioner.js";
import type { ResourceNode } from "./resource-graph.js";

export interface WorkloadService {
  ServiceName: string;
  /** Keyed by port name and by port number (as score-compose does), so templates may index either. */
  Ports: Record<string, { Name: string; Port: number; TargetPort: number; Protocol: string }>;
}

export interface ProvisionContext {
  seed: string;
  /** The seed is scorec's well-known default: generated secrets are predictable (fine for dev only). */
  defaultSeed: boolean;
  /** Target name: part of every random value's key, so targets never share generated values. */
  target: string;
  environment: string;
  /** Compose project name / release name: templates use it in hints (ComposeProjectName). */
  projectName: string;
  /** Where provisioner `files` land, as templates should refer to it (relative to the output file). */
  mountsDirectory: string;
  workloadServices: Record<string, WorkloadService>;
  /** Shared state across all resources of this run (the `shared` phase merges into it). */
  shared: Record<string, unknown>;
  allowCmd: boolean;
  cmdTimeoutMs: number;
  /** Root folder cmd provisioners run in. */
  root: string;
  templateFuncs: Record<string, (...args: unknown[]) => unknown>;
}

export interface ProvisionOutcome {
  outputs: Record<string, unknown>;
  /** The resource produces any output asked for (the local-env provisioner): name → value. */
  dynamicOutput?: (name: string) => unknown;
  fragments: Record<string, unknown>;
  /** Number of random-function calls (randAlphaNum, uuidv4, …) the provisioner made. */
  randomCalls?: number;
}

/** A provisioner failed: the message, and where in the provisioner file if known. */
export class ProvisionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly line?: number,
    readonly column?: number,
    /** False when the place is known but the data, not the file, is at fault (a template execution error). */
    readonly fileAtFault = true,
  ) {
    super(message);
  }
}

export type ProvisionerRunner = (node: ResourceNode & { params: Record<string, unknown> }, p: LoadedProvisioner, ctx: ProvisionContext) => ProvisionOutcome;
