// `generate` = load → parse → validate → check → (lint) → provision → emit. Returns artifacts; writing them
// (atomically) is the caller's job, so the language server and tests share this path with the CLI.
import { basename, dirname, resolve } from "node:path";
import { checkStage } from "../check/check-stage.js";
import { suppressionStage, type RuleSettings } from "../check/suppressions.js";
import type { PolicyStageOptions } from "../policy/policy-stage.js";
import { lintStages } from "./check.js";
import { applyOverrides, type Override } from "../check/overrides.js";
import { emitStage, type EmitOutcome } from "../emit/emit-stage.js";
import type { BuildConfig } from "../emit/build-flags.js";
import type { Artifact, TargetOptions } from "../emit/target.js";
import { loadTarget, TARGET_NAMES } from "../emit/targets.js";
import type { ParseLimits } from "../parse/limits.js";
import { runPipeline, type PipelineResult, type SourceInput, type Stage } from "../pipeline/processor.js";
import { loadProvisioners, projectProvisionerPaths, type LoadedProvisionerSet } from "../provision/load-provisioners.js";
import { provisionStage, type ProvisionResult } from "../provision/provision-stage.js";

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
  limits?: Partial<ParseLimits>;
  /** Provisioners already loaded (the language server keeps them between keystrokes). */
  loadedProvisioners?: LoadedProvisionerSet;
  /** false: stop after provisioning (diagnostics only, no artifacts), as the language server wants. */
  emit?: boolean;
  /** Policies to lint with before provisioning. */
  policy?: PolicyStageOptions;
  rules?: RuleSettings;
}

export interface GenerateResult extends PipelineResult {
  artifacts?: Artifact[];
  provision?: ProvisionResult;
  emit?: EmitOutcome;
}

export const DEFAULT_SEED = "scorec";

export class UnknownTargetError extends Error {}

export async function generate(sources: readonly SourceInput[], options: GenerateOptions): Promise<GenerateResult> {
  const target = await loadTarget(options.target);
  if (!target) throw new UnknownTargetError(`unknown target "${options.target}" (choose one of: ${TARGET_NAMES.join(", ")})`);
  const root = resolve(options.root ?? process.cwd());
  const provisioners = options.loadedProvisioners ?? loadProvisioners({
    builtInDir: target.defaultProvisionersDir,
    paths: projectProvisionerPaths(root, options.provisioners ?? []),
  });
  const first = [...sources].map((s) => s.path).sort()[0];
  const projectName = options.projectName ?? (first && first !== "-" ? basename(dirname(resolve(root, first))) : "scorec");
  const environment = options.environment ?? "dev";
  const targetOptions: TargetOptions = {
    outputDir: options.outputDir,
    projectName,
    image: options.image,
    build: options.build,
    publish: options.publish,
    environment,
  };
  const overrides = options.overrides ?? [];
  const beforeValidate: Stage[] = overrides.length
    ? [
        (tree) => {
          for (const w of tree.workloads) w.raw = applyOverrides(w.raw, overrides);
        },
      ]
    : [];
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
        environment,
        projectName,
        mountsDirectory: "./mounts",
        allowCmd: options.allowCmdProvisioners ?? false,
        cmdTimeoutMs: options.cmdTimeoutMs ?? 30_000,
        root,
        templateFuncs: target.templateFuncs ?? {},
      }),
      // Provisioning findings can be suppressed too; apply the settings again before emitting.
      suppressionStage(options.rules),
      ...(options.emit === false ? [] : [emitStage(target, targetOptions, root)]),
    ],
  });
  const emit = result.tree.stages.emit as EmitOutcome | undefined;
  return { ...result, artifacts: emit?.artifacts, provision: result.tree.stages.provision as ProvisionResult | undefined, emit };
}
