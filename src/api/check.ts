// `check` = load → parse → validate (→ check → lint once those stages are configured).
import type { ParseLimits } from "../parse/limits.js";
import { runPipeline, type PipelineResult, type SourceInput, type Stage } from "../pipeline/processor.js";

export interface CheckOptions {
  limits?: Partial<ParseLimits>;
  /** Extra stages after validation (semantic checks, policies). */
  stages?: Stage[];
}

export function check(sources: readonly SourceInput[], options: CheckOptions = {}): PipelineResult {
  return runPipeline(sources, { limits: options.limits, stages: options.stages });
}
