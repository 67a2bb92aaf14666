// Stage "parse": YAML text → SourceFile + one Workload per document.
import { report } from "../diagnostics/diagnostic.js";
import { DEFAULT_LIMITS, type ParseLimits } from "../parse/limits.js";
import { parseYaml } from "../parse/parse-yaml.js";
import type { ProjectTree } from "./tree.js";

export function parseStage(limits: ParseLimits = DEFAULT_LIMITS) {
  return (tree: ProjectTree): void => {
    for (const input of tree.inputs) {
      if (input.contents === undefined) continue; // the load stage reported why
      const { source, documents } = parseYaml(input.vfile, input.contents, limits);
      input.source = source;
      // The decoded text lives on in `source`; the bytes (~1 KiB of off-heap memory a file) would only be
      // held to the end of the run.
      input.contents = undefined;
      for (const d of documents) {
        if (d.value === undefined) continue;
        const raw = d.value as Record<string, unknown>;
        const meta = raw.metadata as Record<string, unknown> | undefined;
        const name = typeof meta?.name === "string" ? meta.name : `${input.path}#${d.index}`;
        tree.workloads.push({ name, input, doc: d.index, raw, pointerAliases: new Map() });
      }
      if (documents.length > 1 && source) {
        // Not an error: each document is one workload. Said once so people know it was understood.
        report(input.vfile, `${documents.length} YAML documents: each is compiled as its own workload`, {
          ruleId: "score/multi-document",
          source: "yaml",
          severity: "info",
          range: source.firstLine(),
        });
      }
    }
  };
}
