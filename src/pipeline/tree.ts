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
  /**
   * Set by the load stage (or given by the caller, e.g. the language server's buffer); released once the
   * parse stage has read it (`source.text` is the text).
   */
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
  /**
   * Set when the document passed schema validation: the normalised spec later stages rely on. It shares
   * every node normalisation leaves alone with `raw` (often it is `raw`): both are read-only.
   */
  spec?: ScoreWorkload;
  /**
   * Normalisation moves nodes (list-form files/volumes become maps): normalised pointer prefix → the
   * pointer of the node as written, so findings still land on the user's text.
   */
  pointerAliases: Map<string, string>;
}

/** The pointer of a normalised node in the document as written. */
export function writtenPointer(w: Workload, pointer: string): string {
  let best = "";
  for (const prefix of w.pointerAliases.keys()) {
    if ((pointer === prefix || pointer.startsWith(prefix + "/")) && prefix.length > best.length) best = prefix;
  }
  return best ? w.pointerAliases.get(best)! + pointer.slice(best.length) : pointer;
}

export interface ProjectTree extends Node {
  type: "scorec-project";
  inputs: InputFile[];
  workloads: Workload[];
  /** Filled by later stages (provision, emit). */
  stages: Record<string, unknown>;
  /** Other files stages read and report on (provisioner files, policies), in the order they were read. */
  extraFiles: VFile[];
}

export function workloadsWithSpec(tree: ProjectTree): (Workload & { spec: ScoreWorkload })[] {
  return tree.workloads.filter((w): w is Workload & { spec: ScoreWorkload } => w.spec !== undefined);
}
