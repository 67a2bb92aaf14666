// `check` = load → parse → validate → check (→ lint when policies are given).
import { checkStage } from "../check/check-stage.js";
import type { ParseLimits } from "../parse/limits.js";
import { runPipeline, type PipelineResult, type SourceInput, type Stage } from "../pipeline/processor.js";

export interface CheckOptions {
  limits?: Partial<ParseLimits>;
  /** Project root (absolute): file sources must stay inside it. Default: the current directory. */
  root?: string;
  /** Extra stages after the semantic checks (policies). */
  stages?: Stage[];
}

export function check(sources: readonly SourceInput[], options: CheckOptions = {}): PipelineResult {
  const root = options.root ?? process.cwd();
  return runPipeline(sources, { limits: options.limits, stages: [checkStage({ root }), ...(options.stages ?? [])] });
}
