// Stage "load": read each input's bytes (unless the caller supplied them). Missing, unreadable, oversized
// or non-regular files (a FIFO, /dev/zero) are findings on that input, never exceptions or hangs; "-" is
// stdin, read up to the same size limit.
import { report } from "../diagnostics/diagnostic.js";
import { readFileBounded, readStdinBounded, ReadRefusal } from "../load/bounded-read.js";
import type { ParseLimits } from "../parse/limits.js";
import type { ProjectTree } from "./tree.js";

export function loadStage(limits: ParseLimits) {
  return (tree: ProjectTree): void => {
    for (const input of tree.inputs) {
      if (input.contents !== undefined) continue;
      try {
        input.contents = input.path === "-" ? readStdinBounded(limits.maxFileSize) : readFileBounded(input.path, limits.maxFileSize);
      } catch (e) {
        if (e instanceof ReadRefusal && e.tooLarge) {
          report(input.vfile, e.message, { ruleId: "yaml/file-too-large", source: "yaml", severity: "error" });
          continue;
        }
        const why = e instanceof ReadRefusal ? e.message : String(e);
        report(input.vfile, `cannot read ${input.path === "-" ? "stdin" : input.path}: ${why}`, { ruleId: "io/read", source: "io", severity: "error" });
      }
    }
  };
}
