// Library API: the same pipeline the CLI and the language server run.
export { check, type CheckOptions } from "./api/check.js";
export { generate, type GenerateOptions, type GenerateResult } from "./api/generate.js";
export { loadPolicyOptions, type PolicySourceOptions } from "./policy/load-policies.js";
export { runPipeline, createProcessor, type PipelineResult, type SourceInput } from "./pipeline/processor.js";
export type { Diagnostic, Severity, Range, Point } from "./diagnostics/diagnostic.js";
export type { Artifact, Target } from "./emit/target.js";
export type { ScoreWorkload } from "./generated/score.js";
