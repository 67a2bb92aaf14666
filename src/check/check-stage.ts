// Stage "check": normalisation and the semantic rules the schema cannot express.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import type { Stage } from "../pipeline/processor.js";
import { reportAt } from "../pipeline/report-at.js";
import { workloadsWithSpec } from "../pipeline/tree.js";
import { toPointer } from "../parse/source-file.js";
import { checkBefore } from "./before-order.js";
import { checkFileSources, checkFileTargets } from "./file-sources.js";
import { normaliseWorkload } from "./normalise.js";
import { checkPlaceholderRefs } from "./placeholder-refs.js";
import { checkUniqueNames } from "./unique-names.js";

export interface CheckStageOptions {
  /** Project root (absolute): file sources must stay inside it. */
  root: string;
  /**
   * `image: "."` means "built from source": generating needs --image or --build for it. Set when
   * generating; `check` alone only notes it.
   */
  imageOverrides?: { image?: string; build?: Record<string, unknown>; required: boolean };
}

export function checkStage(opts: CheckStageOptions): Stage {
  return (tree) => {
    for (const w of workloadsWithSpec(tree)) normaliseWorkload(w);
    checkUniqueNames(tree);
    for (const w of workloadsWithSpec(tree)) {
      checkBefore(w);
      checkPlaceholderRefs(w);
      checkFileSources(w, { root: opts.root });
      checkFileTargets(w);
      // Sorted for the order of findings; only the few containers built from source need it.
      const fromSource = Object.keys(w.spec.containers).filter((cname) => w.spec.containers[cname]!.image === ".");
      for (const cname of fromSource.sort(byCodePoint)) {
        const o = opts.imageOverrides;
        const covered = Boolean(o?.image || o?.build?.[cname] || o?.build?.[`${w.name}.${cname}`]);
        if (!covered)
          reportAt(w, toPointer(["containers", cname, "image"]), `image "." means "build from source": pass --image IMAGE or --build ${cname}=DIR`, {
            ruleId: "score/image-dot",
            severity: o?.required ? "error" : "info",
          });
      }
    }
  };
}
