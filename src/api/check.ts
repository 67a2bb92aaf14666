// `check` = load → parse → validate → check → lint (when policies are given) → suppressions.
import { checkStage } from "../check/check-stage.js";
import { suppressionIdsStage } from "../check/suppression-ids.js";
import { suppressionStage, type RuleSettings } from "../check/suppressions.js";
import type { ParseLimits } from "../parse/limits.js";
import { runPipeline, type PipelineResult, type SourceInput, type Stage } from "../pipeline/processor.js";
import { policyStage, type PolicyStageOptions } from "../policy/policy-stage.js";

export interface CheckOptions {
  limits?: Partial<ParseLimits>;
  /** Project root (absolute): file sources must stay inside it. Default: the current directory. */
  root?: string;
  /** Policies to lint with (conftest conventions). */
  policy?: PolicyStageOptions;
  /** Per-rule settings: off (suppressed) or a severity. */
  rules?: RuleSettings;
  /** Warn about unknown rule ids in disable comments (default true; `lint` checks them once, not per target). */
  checkSuppressionIds?: boolean;
  /** Extra stages after the semantic checks. */
  stages?: Stage[];
}

/** The stages `check` and `generate` share after validation: semantic checks, policies, suppressions. */
export function lintStages(options: Pick<CheckOptions, "policy" | "rules" | "checkSuppressionIds">): Stage[] {
  return [
    ...(options.policy ? [policyStage(options.policy)] : []),
    ...(options.checkSuppressionIds === false ? [] : [suppressionIdsStage(options.policy)]),
    suppressionStage(options.rules),
  ];
}

export function check(sources: readonly SourceInput[], options: CheckOptions = {}): PipelineResult {
  const root = options.root ?? process.cwd();
  return runPipeline(sources, {
    limits: options.limits,
    stages: [checkStage({ root }), ...lintStages(options), ...(options.stages ?? [])],
  });
}
