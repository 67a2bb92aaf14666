// Stage "validate": each workload against the official Score schema (ajv), findings positioned at the
// node (or key) they are about.
import { report } from "../diagnostics/diagnostic.js";
import type { ScoreWorkload } from "../generated/score.js";
import { foldMisplacedKeys } from "../validate/misplaced-keys.js";
import { scoreValidator } from "../validate/score-schema.js";
import type { ProjectTree } from "./tree.js";

export function validateStage() {
  return (tree: ProjectTree): void => {
    const validator = scoreValidator();
    for (const w of tree.workloads) {
      // A mis-indented block is one finding that says so, not the several it causes.
      const findings = foldMisplacedKeys(w.raw, validator.check(w.raw));
      for (const f of findings) {
        report(w.input.vfile, f.message, {
          ruleId: f.ruleId,
          source: "schema",
          severity: "error",
          pointer: f.pointer,
          range: w.input.source!.rangeOfPointer(w.doc, f.pointer, { key: f.atKey }),
        });
      }
      // The spec is the document itself, not a copy (a copy was ~30 MiB at 10,000 workloads): nothing
      // writes into it, and normalisation replaces the path to what it rewrites (src/check/normalise.ts).
      if (findings.length === 0) w.spec = w.raw as unknown as ScoreWorkload;
    }
  };
}
