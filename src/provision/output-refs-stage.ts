// Stage "output refs" (checking only, when nothing is emitted): every `${resources.NAME.OUTPUT}` is looked
// up in what the matched provisioner produced, so `check` and the language server report a misspelt output
// at the placeholder, as `generate` would. Only output problems are reported here: unknown names and
// syntax were reported by the check stage, unprovisioned resources at the resource itself, and resources
// whose provisioner was not run (cmd://) have unknown outputs.
import type { Stage } from "../pipeline/processor.js";
import { reportSubstitutionErrors } from "../pipeline/report-at.js";
import { workloadsWithSpec } from "../pipeline/tree.js";
import { expandables } from "../placeholders/expandable.js";
import { substitute } from "../placeholders/substitute.js";
import type { ProvisionResult } from "./provision-stage.js";
import { resolveRef } from "./resolve-ref.js";

export function outputRefsStage(): Stage {
  return (tree) => {
    const result = tree.stages.provision as ProvisionResult | undefined;
    if (!result) return;
    for (const w of workloadsWithSpec(tree)) {
      for (const e of expandables(w.spec)) {
        if (!e.value.includes("${")) continue;
        const r = substitute(e.value, (ref) => {
          if (ref.path[0] !== "resources") return { value: "" };
          const whole = ref.start === 0 && ref.end === e.value.length;
          // A volume source naming the resource itself is resolved by the target, not by outputs.
          if (ref.path.length === 2 && e.context === "volume" && whole) return { value: "" };
          return resolveRef(w, ref, e.context, result, e.resource);
        });
        // Errors with a rule id were someone else's to report (check stage, provisioning).
        const own = r.errors.filter((x) => x.ruleId === undefined);
        reportSubstitutionErrors(w, e.pointer, e.value, own, "provision/missing-output");
      }
    }
  };
}
