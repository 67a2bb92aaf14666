// Stage "provision": build the resource graph, expand params, match each resource to the first provisioner
// that fits, run it, and collect outputs and target fragments. Every failure is a finding on the Score
// file (at the resource) and, when the provisioner file is at fault, on that file too.
import type { ProvisionedResource } from "../emit/target.js";
import { VFile } from "vfile";
import { report } from "../diagnostics/diagnostic.js";
import { toPointer } from "../parse/source-file.js";
import type { Stage } from "../pipeline/processor.js";
import { reportAt } from "../pipeline/report-at.js";
import { workloadsWithSpec, type ProjectTree } from "../pipeline/tree.js";
import { listAlternatives } from "../placeholders/substitute.js";
import { didYouMean } from "../check/placeholder-refs.js";
import { suggest } from "../validate/human-path.js";
import { runCmd } from "./cmd-provisioner.js";
import type { LoadedProvisionerSet } from "./load-provisioners.js";
import { runLocalEnv } from "./local-env-provisioner.js";
import { expandParams } from "./expand-params.js";
import { ProvisionError, type ProvisionContext, type ProvisionerRunner, type ProvisionOutcome } from "./provision-context.js";
import { matches, provisionerKind, type LoadedProvisioner } from "./provisioner.js";
import { buildResourceGraph, reportCycle, type ResourceGraph, type ResourceNode } from "./resource-graph.js";
import { secretOutputNames } from "./secret-outputs.js";
import { runTemplate } from "./template-provisioner.js";
import { workloadServices } from "./workload-services.js";

export interface ProvisionStageOptions extends Omit<ProvisionContext, "workloadServices" | "shared"> {
  provisioners: LoadedProvisionerSet;
  /** Fragment fields the target uses (Target.fragmentFields). */
  fragmentFields: readonly string[];
  /**
   * Checking only (nothing emitted): a `cmd://` provisioner that may not run is not an error; the
   * resource is matched, and its outputs are unknown (never reported as missing).
   */
  checkOnly?: boolean;
}

/** Informational fields every target accepts (they only print). */
const ALWAYS_ACCEPTED = new Set(["info_logs"]);

export interface ProvisionResult {
  graph: ResourceGraph;
  resources: Map<string, ProvisionedResource>;
  /** For resources with dynamic outputs (local-env). */
  dynamic: Map<string, (name: string) => unknown>;
  provisioners: LoadedProvisionerSet;
  /** False when any resource failed: emitting would produce a partial output. */
  complete: boolean;
  /** Resources whose provisioner was matched but not run (cmd:// while checking): any output may exist. */
  unknownOutputs?: Set<string>;
}

const RUNNERS: Record<string, ProvisionerRunner> = { template: runTemplate, cmd: runCmd, "local-env": runLocalEnv };

export function provisionStage(opts: ProvisionStageOptions): Stage {
  return (tree) => {
    tree.extraFiles.push(...opts.provisioners.files);
    const workloads = workloadsWithSpec(tree);
    const graph = buildResourceGraph(workloads);
    const result: ProvisionResult = { graph, resources: new Map(), dynamic: new Map(), provisioners: opts.provisioners, complete: true };
    tree.stages.provision = result;
    if (reportCycle(graph)) return void (result.complete = false);
    const ctx: ProvisionContext = { ...opts, workloadServices: workloadServices(workloads), shared: {} };
    const usedRandom: ResourceNode[] = [];
    for (const uid of graph.order) {
      const node = graph.nodes.get(uid)!;
      const params = expandParams(node, result);
      if (params === undefined) {
        result.complete = false;
        continue;
      }
      const p = opts.provisioners.provisioners.find((x) => matches(x.spec, node, opts.environment, opts.target));
      if (!p) {
        noProvisioner(node, opts);
        result.complete = false;
        continue;
      }
      if (opts.checkOnly && !opts.allowCmd && provisionerKind(p.spec.uri) === "cmd") {
        (result.unknownOutputs ??= new Set()).add(uid);
        result.complete = false;
        continue;
      }
      const runner = RUNNERS[provisionerKind(p.spec.uri)];
      let outcome: ProvisionOutcome;
      try {
        if (!runner) throw new ProvisionError(`unsupported provisioner scheme in ${p.spec.uri}`);
        outcome = runner({ ...node, params }, p, ctx);
        refuseUnusableFragments(outcome, p, opts);
      } catch (e) {
        provisionFailed(tree, node, p, e);
        result.complete = false;
        continue;
      }
      result.resources.set(uid, {
        uid,
        type: node.type,
        class: node.class,
        id: node.id,
        params,
        outputs: outcome.outputs,
        secretOutputs: secretOutputNames(outcome.outputs),
        provisioner: { uri: p.spec.uri, file: p.file },
        fragments: outcome.fragments,
        workloads: [...new Set(node.declarations.map((d) => d.workload.name))].sort(),
      });
      if (outcome.dynamicOutput) result.dynamic.set(uid, outcome.dynamicOutput);
      if (outcome.randomCalls) usedRandom.push(node);
    }
    if (opts.defaultSeed && opts.environment !== "dev" && usedRandom.length) predictableSecrets(usedRandom, opts.environment);
  };
}

/**
 * Generated names and passwords come from the seed: with scorec's public default seed anyone can recompute
 * them. Fine on a laptop (environment dev); for any other environment say so once, at the first resource.
 */
function predictableSecrets(nodes: ResourceNode[], environment: string): void {
  const d = nodes[0]!.declarations[0]!;
  const others = nodes.length - 1;
  reportAt(
    d.workload,
    toPointer(["resources", d.name, "type"]),
    `generated values of resource "${d.name}"${others ? ` and ${others} other resource(s)` : ""} (passwords, user names) come from the default seed and are predictable; for environment "${environment}" pass --seed-file FILE or set SCOREC_SEED to a secret`,
    { ruleId: "provision/default-seed", source: "provision", severity: "warning" },
  );
}

/**
 * A fragment the target cannot turn into output (Compose `services` on helm, `manifests` on terraform)
 * would be dropped silently, leaving outputs that point at something never created: refuse it, naming the
 * provisioner and the field.
 */
function refuseUnusableFragments(outcome: ProvisionOutcome, p: LoadedProvisioner, opts: ProvisionStageOptions): void {
  for (const [field, value] of Object.entries(outcome.fragments)) {
    if (!(field in p.spec) || ALWAYS_ACCEPTED.has(field) || opts.fragmentFields.includes(field) || isEmpty(value)) continue;
    const uses = opts.fragmentFields.length ? opts.fragmentFields.join(", ") : "only outputs";
    throw new ProvisionError(
      `it renders \`${field}\`, which target ${opts.target} cannot use (it uses ${uses}); give the provisioner \`targets: [...]\` naming the targets it serves, and a provisioner for ${opts.target}`,
      field,
    );
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "object" && Object.keys(v as object).length === 0);
}

/**
 * Say why nothing matched, at the field that is wrong: an unknown type (with "did you mean"), or a class
 * or id no provisioner of that type offers.
 */
function noProvisioner(node: ResourceNode, opts: ProvisionStageOptions): void {
  const inEnv = opts.provisioners.provisioners.filter((p) => (!p.spec.environments || p.spec.environments.includes(opts.environment)) && (!p.spec.targets || p.spec.targets.includes(opts.target)));
  const types = [...new Set(inEnv.map((p) => p.spec.type))];
  const sameType = inEnv.filter((p) => p.spec.type === node.type);
  const where = `for target ${opts.target} in environment "${opts.environment}"`;
  let field = "type";
  let why: string;
  let hint: string | undefined;
  if (sameType.length === 0) {
    // "kafak" → "kafka-topic": compare with the whole type, then with its first word.
    const firstWord = (t: string): string => t.split("-")[0]!;
    const near = suggest(node.type, types.map(firstWord));
    hint = suggest(node.type, types) ?? types.filter((t) => firstWord(t) === near).sort()[0];
    why = `${didYouMean(hint)}; types provided: ${listAlternatives(types)}`;
  } else {
    const classes = [...new Set(sameType.map((p) => p.spec.class).filter((c): c is string => typeof c === "string"))];
    const ids = [...new Set(sameType.filter((p) => p.spec.class == null || p.spec.class === node.class).map((p) => p.spec.id).filter((i): i is string => typeof i === "string"))];
    const anyClass = sameType.some((p) => p.spec.class == null);
    if (!anyClass && !classes.includes(node.class)) {
      field = "class";
      hint = suggest(node.class, classes);
      why = `: no provisioner of type "${node.type}" offers class "${node.class}"${didYouMean(hint)}; classes provided: ${listAlternatives(classes)}`;
    } else {
      field = "id";
      hint = suggest(node.id, ids);
      why = `: no provisioner of type "${node.type}" (class "${node.class}") offers id "${node.id}"${didYouMean(hint)}; ids provided: ${listAlternatives(ids)}`;
    }
  }
  for (const d of node.declarations) {
    const written = (d.workload.spec.resources?.[d.name] ?? {}) as Record<string, unknown>;
    // The default class or a derived id is not written anywhere: point at the type then.
    const at = written[field] !== undefined ? field : "type";
    reportAt(d.workload, toPointer(["resources", d.name, at]), `no provisioner for resource "${d.name}" (${node.uid}) ${where}${why}`, {
      ruleId: "provision/no-provisioner",
      source: "provision",
      severity: "error",
      ...(hint && at === field ? { replaceWith: { title: `Change ${field} to "${hint}"`, text: hint } } : {}),
    });
  }
}

function provisionFailed(tree: ProjectTree, node: ResourceNode, p: LoadedProvisioner, e: unknown): void {
  const err = e instanceof ProvisionError ? e : new ProvisionError(e instanceof Error ? e.message : String(e));
  // Where in the provisioner file the template went wrong (block scalars start on the line after `|`).
  const place =
    err.field && err.line !== undefined && p.source
      ? { line: p.source.rangeOfPointer(0, toPointer([p.index, err.field])).start.line + err.line, column: err.column ?? 1 }
      : undefined;
  for (const d of node.declarations) {
    reportAt(d.workload, toPointer(["resources", d.name, "type"]), `provisioner ${p.spec.uri} (${p.file}${place ? `:${place.line}` : ""}) failed for resource "${d.name}" (${node.uid}): ${err.message}`, {
      ruleId: "provision/failed",
      source: "provision",
      severity: "error",
    });
  }
  // A template that does not parse is the provisioner file's fault: say so there too, at the field.
  if (place && err.fileAtFault) {
    // A per-run vfile: the loaded provisioner set (and its vfiles) outlives this run in the language server.
    const file = new VFile({ path: p.file });
    tree.extraFiles.push(file);
    const { line } = place;
    report(file, err.message, {
      ruleId: "provision/template-error",
      source: "provision",
      severity: "error",
      range: { start: { line, column: err.column ?? 1 }, end: { line, column: (err.column ?? 1) + 1 } },
    });
  }
}
