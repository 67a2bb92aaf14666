// Stage "load": read each input's bytes (unless the caller supplied them). Missing or unreadable files
// are findings on that input, never exceptions.
import { readFileSync, statSync } from "node:fs";
import { report } from "../diagnostics/diagnostic.js";
import type { ParseLimits } from "../parse/limits.js";
import type { ProjectTree } from "./tree.js";

export function loadStage(limits: ParseLimits) {
  return (tree: ProjectTree): void => {
    for (const input of tree.inputs) {
      if (input.contents !== undefined) continue;
      try {
        const st = statSync(input.path);
        if (st.size > limits.maxFileSize) {
          // Don't read a huge file only to refuse it.
          report(input.vfile, `file is ${st.size} bytes, over the ${limits.maxFileSize}-byte limit (raise it with --max-file-size)`, {
            ruleId: "yaml/file-too-large",
            source: "yaml",
            severity: "error",
          });
          continue;
        }
        input.contents = readFileSync(input.path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(code ?? e);
        report(input.vfile, `cannot read ${input.path}: ${why}`, { ruleId: "io/read", source: "io", severity: "error" });
      }
    }
  };
}
