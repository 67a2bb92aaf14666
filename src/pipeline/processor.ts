// The one pipeline. The CLI, the library API and the language server all build their processor here,
// so there is no second code path: they differ only in which stages they ask for and what they do with
// the tree afterwards.
import { unified, type Processor } from "unified";
import { VFile } from "vfile";
import { collect, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DEFAULT_LIMITS, type ParseLimits } from "../parse/limits.js";
import { loadStage } from "./load-stage.js";
import { parseStage } from "./parse-stage.js";
import type { InputFile, ProjectTree } from "./tree.js";
import { validateStage } from "./validate-stage.js";
import { byCodePoint } from "../diagnostics/diagnostic.js";

/** A stage after validation, contributed by a later feature (check, lint, provision, emit). */
export type Stage = (tree: ProjectTree, project: VFile) => void;

export interface PipelineOptions {
  limits?: Partial<ParseLimits>;
  /** Stages to run after load → parse and before validate (e.g. Score overrides). */
  beforeValidate?: Stage[];
  /** Stages to run after load → parse → validate, in order. */
  stages?: Stage[];
}

export interface SourceInput {
  path: string;
  /** Supplied contents (stdin, an editor buffer); read from disk when absent. */
  contents?: Uint8Array | string;
}

export interface PipelineResult {
  tree: ProjectTree;
  /** One vfile per input, in sorted path order; plus the project file for cross-file findings. */
  files: VFile[];
  diagnostics: Diagnostic[];
}

type AnyProcessor = Processor<ProjectTree, ProjectTree, ProjectTree, undefined, undefined>;

export function createProcessor(options: PipelineOptions = {}): AnyProcessor {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const processor = unified()
    .use(function projectParser(this: Processor) {
      // The "document" of this processor is the project: its inputs travel on the project vfile.
      (this as unknown as { parser: unknown }).parser = (_doc: string, file: VFile): ProjectTree => ({
        type: "scorec-project",
        inputs: (file.data.inputs as InputFile[]) ?? [],
        workloads: [],
        stages: {},
        extraFiles: [],
      });
    })
    .use(() => loadStage(limits))
    .use(() => parseStage(limits));
  for (const stage of options.beforeValidate ?? []) processor.use(() => stage);
  processor.use(() => validateStage());
  for (const stage of options.stages ?? []) processor.use(() => stage);
  return processor as unknown as AnyProcessor;
}

/** Run the pipeline over inputs. Inputs are processed in sorted path order whatever order they came in. */
export function runPipeline(sources: readonly SourceInput[], options: PipelineOptions = {}): PipelineResult {
  const sorted = [...sources].sort((a, b) => byCodePoint(a.path, b.path));
  const seen = new Set<string>();
  const inputs: InputFile[] = [];
  for (const s of sorted) {
    if (seen.has(s.path)) continue; // the same file named twice is one input
    seen.add(s.path);
    inputs.push({ path: s.path, contents: s.contents, vfile: new VFile({ path: s.path }) });
  }
  const project = new VFile({ data: { inputs } });
  const processor = createProcessor(options);
  const tree = processor.parse(project);
  processor.runSync(tree, project);
  const files = [...inputs.map((i) => i.vfile), ...tree.extraFiles, project];
  return { tree, files, diagnostics: collect(files) };
}
