// The one typed tree that flows through the unified processor. Stages fill it in; each input keeps its
// own vfile, which collects that file's findings.
import type { Node } from "unist";
import type { VFile } from "vfile";
import type { ScoreWorkload } from "../generated/score.js";
import type { SourceFile } from "../parse/source-file.js";

export interface InputFile {
  /** Path as given, POSIX separators ("-" for stdin). */
  path: string;
  vfile: VFile;
  /** Set by the load stage (or given by the caller, e.g. the language server's buffer). */
  contents?: Uint8Array | string;
  /** Set by the parse stage when the text could be read. */
  source?: SourceFile;
}

export interface Workload {
  /** metadata.name (or a placeholder name when invalid). */
  name: string;
  input: InputFile;
  /** Index of the YAML document inside its file. */
  doc: number;
  /** The document as parsed, before any normalisation. */
  raw: Record<string, unknown>;
  /** Set when the document passed schema validation: the normalised spec later stages rely on. */
  spec?: ScoreWorkload;
}

export interface ProjectTree extends Node {
  type: "scorec-project";
  inputs: InputFile[];
  workloads: Workload[];
  /** Filled by later stages (provision, emit). */
  stages: Record<string, unknown>;
}

export function workloadsWithSpec(tree: ProjectTree): (Workload & { spec: ScoreWorkload })[] {
  return tree.workloads.filter((w): w is Workload & { spec: ScoreWorkload } => w.spec !== undefined);
}
