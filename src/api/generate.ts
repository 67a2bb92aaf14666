// `generate` = load → parse → validate → check → (lint) → provision → emit. Returns artifacts; writing them
// (atomically) is the caller's job, so the language server and tests share this path with the CLI.
import { basename, dirname, resolve } from "node:path";
import { report } from "../diagnostics/diagnostic.js";
import { checkStage } from "../check/check-stage.js";
import { suppressionStage, type RuleSettings } from "../check/suppressions.js";
import type { PolicyStageOptions } from "../policy/policy-stage.js";
import { lintStages } from "./check.js";
import { applyOverrides, type Override } from "../check/overrides.js";
import { emitStage, type EmitOutcome } from "../emit/emit-stage.js";
import type { BuildConfig } from "../emit/build-flags.js";
import { TargetOptionError, type Artifact, type TargetOptions } from "../emit/target.js";
import { loadPatchTemplates } from "../emit/patch-templates.js";
import { loadTarget, TARGET_NAMES } from "../emit/targets.js";
import type { ParseLimits } from "../parse/limits.js";
import { runPipeline, type PipelineResult, type SourceInput, type Stage } from "../pipeline/processor.js";
import { loadProvisioners, projectProvisionerPaths, type LoadedProvisionerSet } from "../provision/load-provisioners.js";
import { provisionStage, type ProvisionResult } from "../provision/provision-stage.js";
import { outputRefsStage } from "../provision/output-refs-stage.js";

export interface GenerateOptions {
  target: string;
  /** Output folder (for relative paths inside artifacts); nothing is written here by this function. */
  outputDir: string;
  environment?: string;
  /** Seed of the deterministic "random" values; derived secrets are for local/dev use. */
  seed?: string;
  /** `--provisioners` files or folders. The project's `.scorec/` folder is added when it exists. */
  provisioners?: string[];
  root?: string;
  allowCmdProvisioners?: boolean;
  cmdTimeoutMs?: number;
  image?: string;
  /** Per container (or `workload.container`): a context folder, or a Compose build section. */
  build?: Record<string, string | BuildConfig>;
  publish?: TargetOptions["publish"];
  overrides?: Override[];
  projectName?: string;
  /** helm: also write the chart into the output folder. */
  writeChart?: boolean;
  /** `--patch-templates` files, applied in order to the output (targets with `patchTemplates` only). */
  patchTemplates?: string[];
  limits?: Partial<ParseLimits>;
  /** Provisioners already loaded (the language server keeps them between keystrokes). */
  loadedProvisioners?: LoadedProvisionerSet;
  /** false: stop after provisioning (diagnostics only, no artifacts), as the language server wants. */
  emit?: boolean;
  /** Policies to lint with before provisioning. */
  policy?: PolicyStageOptions;
  rules?: RuleSettings;
  /** Warn about unknown rule ids in disable comments (default true). */
  checkSuppressionIds?: boolean;
}

export interface GenerateResult extends PipelineResult {
  artifacts?: Artifact[];
  provision?: ProvisionResult;
  emit?: EmitOutcome;
}

export const DEFAULT_SEED = "scorec";

export class UnknownTargetError extends Error {}

/**
 * The Compose project / release name without --project-name: the Score files' folder when they share one,
 * else (files from several folders) the current folder, as `docker compose` names a project; stdin only:
 * "scorec".
 */
export function defaultProjectName(sources: readonly SourceInput[], root: string): string {
  const folders = new Set(sources.filter((s) => s.path !== "-").map((s) => dirname(resolve(root, s.path))));
  if (folders.size === 0) return "scorec";
  return basename(folders.size === 1 ? [...folders][0]! : root);
}

export async function generate(sources: readonly SourceInput[], options: GenerateOptions): Promise<GenerateResult> {
  const target = await loadTarget(options.target);
  if (!target) throw new UnknownTargetError(`unknown target "${options.target}" (choose one of: ${TARGET_NAMES.join(", ")})`);
  const root = resolve(options.root ?? process.cwd());
  const provisioners = options.loadedProvisioners ?? loadProvisioners({
    builtInDir: target.defaultProvisionersDir,
    paths: projectProvisionerPaths(root, options.provisioners ?? []),
    maxFileSize: options.limits?.maxFileSize,
  });
  if (options.patchTemplates?.length && !target.patchTemplates) throw new TargetOptionError(`--patch-templates is not supported by the ${target.name} target`);
  const patchTemplates = options.patchTemplates?.length ? loadPatchTemplates(options.patchTemplates.map((p) => resolve(root, p)), options.limits?.maxFileSize, root) : [];
  const projectName = options.projectName ?? defaultProjectName(sources, root);
  const environment = options.environment ?? "dev";
  const targetOptions: TargetOptions = {
    outputDir: options.outputDir,
    projectName,
    image: options.image,
    build: options.build,
    publish: options.publish,
    environment,
    writeChart: options.writeChart,
    patchTemplates,
  };
  const overrides = options.overrides ?? [];
  const applyOverridesStage: Stage = (tree) => {
    for (const w of tree.workloads) {
      try {
        w.raw = applyOverrides(w.raw, overrides);
      } catch (e) {
        // A refused key (`__proto__`…): the workload is not compiled with a half-applied override.
        report(w.input.vfile, `cannot apply the overrides: ${(e as Error).message}`, { ruleId: "score/override", source: "score", severity: "error" });
        w.raw = {};
      }
    }
  };
  // The patch files' findings (unreadable, bad syntax) are reported with the inputs'.
  const addPatchFiles: Stage = (tree) => void tree.extraFiles.push(...patchTemplates.map((t) => t.vfile));
  const beforeValidate: Stage[] = [...(patchTemplates.length ? [addPatchFiles] : []), ...(overrides.length ? [applyOverridesStage] : [])];
  const result = runPipeline(sources, {
    limits: options.limits,
    beforeValidate,
    stages: [
      // `image: "."` blocks emitting only: without --image/--build there is nothing to write.
      checkStage({ root, imageOverrides: { image: options.image, build: options.build, required: options.emit !== false } }),
      ...lintStages(options),
      provisionStage({
        provisioners,
        target: target.name,
        seed: options.seed ?? DEFAULT_SEED,
        defaultSeed: (options.seed ?? DEFAULT_SEED) === DEFAULT_SEED,
        environment,
        projectName,
        mountsDirectory: "./mounts",
        allowCmd: options.allowCmdProvisioners ?? false,
        cmdTimeoutMs: options.cmdTimeoutMs ?? 30_000,
        root,
        templateFuncs: target.templateFuncs ?? {},
        fragmentFields: target.fragmentFields,
        checkOnly: options.emit === false,
      }),
      // Checking only: outputs are looked up here, since no emit stage will resolve them.
      ...(options.emit === false ? [outputRefsStage()] : []),
      // Provisioning findings can be suppressed too; apply the settings again before emitting.
      suppressionStage(options.rules),
      ...(options.emit === false ? [] : [emitStage(target, targetOptions, root)]),
    ],
  });
  const emit = result.tree.stages.emit as EmitOutcome | undefined;
  return { ...result, artifacts: emit?.artifacts, provision: result.tree.stages.provision as ProvisionResult | undefined, emit };
}
