// A disable comment naming a rule that does not exist suppresses nothing, silently: `score/imgae-pinned`
// lets the finding it was meant for through, and nobody notices. Every id in a comment must be a rule
// scorec knows — its own (src/diagnostics/builtin-rule-ids.ts), the built-in pack's, a loaded policy's, or
// one that fired in this run (a policy result may carry its own `id`) — else a warning at the id, with
// "did you mean".
import { report } from "../diagnostics/diagnostic.js";
import { BUILTIN_RULE_IDS } from "../diagnostics/builtin-rule-ids.js";
import type { Stage } from "../pipeline/processor.js";
import { builtinRuleIds } from "../policy/builtin-pack.js";
import { ruleKind } from "../policy/namespaces.js";
import { policyRuleId, type PolicyStageOptions } from "../policy/policy-stage.js";
import { suggest } from "../validate/human-path.js";
import { directives } from "./suppressions.js";

function packIds(): string[] {
  try {
    return builtinRuleIds();
  } catch {
    return []; // the pack folder is missing from this install: its ids are simply not known
  }
}

export function suppressionIdsStage(policy?: PolicyStageOptions): Stage {
  return (tree) => {
    let known: Set<string> | undefined;
    for (const input of tree.inputs) {
      const source = input.source;
      if (!source || !source.text.includes("scorec-disable-next-line")) continue;
      known ??= new Set([
        ...BUILTIN_RULE_IDS,
        ...packIds(),
        ...(policy?.policies.flatMap((p) => p.rules().filter((r) => ruleKind(r.name)).map((r) => policyRuleId(r))) ?? []),
        ...tree.inputs.flatMap((i) => i.vfile.messages.map((m) => m.ruleId ?? "")),
      ]);
      for (const d of directives(source.text)) {
        for (const { id, offset } of d.ids) {
          if (known.has(id)) continue;
          const hint = suggest(id, [...known]);
          report(input.vfile, `unknown rule id "${id}" in a disable comment: it suppresses nothing${hint ? ` — did you mean "${hint}"?` : ""}`, {
            ruleId: "score/unknown-suppression",
            source: "score",
            severity: "warning",
            range: source.rangeOf(offset, offset + id.length),
            ...(hint ? { fix: { title: `Change to ${hint}`, range: source.rangeOf(offset, offset + id.length), text: hint } } : {}),
          });
        }
      }
    }
  };
}
