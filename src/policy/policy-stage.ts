// Stage "lint": run conftest-style policies over each workload (or all of them at once with --combine)
// and turn their results into positioned findings. Back ends (Rego evaluator, OPA WASM) are hidden behind
// LoadedPolicies; this file only knows conftest's conventions.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { dirname } from "node:path";
import type { VFile } from "vfile";
import type { RuleRegistry } from "../diagnostics/rules.js";
import type { Stage } from "../pipeline/processor.js";
import { reportAt } from "../pipeline/report-at.js";
import { workloadsWithSpec, type Workload } from "../pipeline/tree.js";
import { pointerSegments, toPointer } from "../parse/source-file.js";
import { PolicyEvalError, type LoadedPolicies, type PolicyRule } from "./backend.js";
import { ruleKind, selectNamespaces } from "./namespaces.js";
import { normaliseResults, ResultShapeError, type PolicyResult } from "./result-shape.js";

export interface PolicyStageOptions {
  policies: LoadedPolicies[];
  namespaces?: string[];
  allNamespaces?: boolean;
  /** All workloads as one input array, for cross-workload rules. */
  combine?: boolean;
  /** Documents loaded with --data, merged into `data`. */
  data?: Record<string, unknown>;
  /** Rule metadata is registered here (SARIF rules, hover text). */
  registry?: RuleRegistry;
  /** Findings about the policy and data files (load errors), reported with the run. */
  files?: VFile[];
  /** Rules to evaluate, by rule id (`builtin:score/x` selects one rule of the pack); default all. */
  keepRule?: (id: string) => boolean;
}

type W = Workload & { spec: NonNullable<Workload["spec"]> };

export function policyRuleId(rule: PolicyRule, result?: PolicyResult): string {
  const custom = rule.annotations?.custom;
  return result?.id ?? (typeof custom?.id === "string" ? custom.id : `${rule.namespace}.${rule.name}`);
}

function severityFor(rule: PolicyRule, kind: "deny" | "warn", result: PolicyResult): "error" | "warning" | "info" {
  if (result.severity) return result.severity;
  const s = rule.annotations?.custom?.severity;
  if (s === "error" || s === "warning" || s === "info") return s;
  return kind === "deny" ? "error" : "warning";
}

/** Rule names excepted for this input: conftest's `exception contains rules if …` (each a list of names). */
function exceptionNames(v: unknown): Set<string> {
  const out = new Set<string>();
  for (const item of Array.isArray(v) ? v : []) for (const name of Array.isArray(item) ? item : [item]) out.add(String(name));
  return out;
}

export function policyStage(opts: PolicyStageOptions): Stage {
  return (tree) => {
    tree.extraFiles.push(...(opts.files ?? []));
    const workloads = workloadsWithSpec(tree).sort((a, b) => byCodePoint(a.name, b.name));
    if (workloads.length === 0) return;
    const units: { input: unknown; file: string; at: (pointer?: string) => { w: W; pointer: string } }[] = opts.combine
      ? [
          {
            input: workloads.map((w) => w.spec),
            file: workloads[0]!.input.path,
            at: (pointer) => {
              const [index, ...rest] = pointer ? pointerSegments(pointer) : [];
              const w = workloads[Number(index)] ?? workloads[0]!;
              return { w, pointer: rest.length ? toPointer(rest) : "/metadata/name" };
            },
          },
        ]
      : workloads.map((w) => ({ input: w.spec, file: w.input.path, at: (pointer?: string) => ({ w, pointer: pointer ?? "/metadata/name" }) }));

    for (const p of opts.policies) {
      const rules = p.rules();
      const kept = (r: (typeof rules)[number]) => !opts.keepRule || opts.keepRule(policyRuleId(r));
      for (const r of rules) {
        if (opts.registry && ruleKind(r.name) && r.annotations && kept(r)) {
          const id = policyRuleId(r);
          opts.registry.add({
            id,
            title: r.annotations.title ?? id,
            description: r.annotations.description ?? r.annotations.title ?? id,
            severity: ruleKind(r.name) === "deny" ? "error" : "warning",
            ...(r.annotations.relatedResources?.[0] ? { url: r.annotations.relatedResources[0] } : {}),
          });
        }
      }
      // What to evaluate in each namespace is the same for every unit: worked out once, not per workload.
      const plans = selectNamespaces(rules, opts.namespaces ?? [], opts.allNamespaces ?? false).map((ns) => {
        const nsRules = rules.filter((r) => r.namespace === ns && ruleKind(r.name) && kept(r));
        // conftest's `exception` rule is evaluated with the others, sharing their helper rules.
        const names = [...nsRules.map((r) => r.name), ...(rules.some((r) => r.namespace === ns && r.name === "exception") ? ["exception"] : [])];
        const kinds = nsRules.map((r) => ruleKind(r.name)!);
        const suffixes = nsRules.map((r) => r.name.replace(/^(deny|violation|warn)_?/, ""));
        return { ns, nsRules, names, kinds, suffixes };
      });
      for (const unit of units) {
        const data = { ...(opts.data ?? {}), conftest: { file: { name: unit.file, dir: dirname(unit.file) } } };
        for (const { ns, nsRules, names, kinds, suffixes } of plans) {
          let values: (unknown | undefined)[] | undefined;
          try {
            values = p.evaluateMany?.(ns, names, unit.input, data);
          } catch {
            values = undefined; // evaluate one by one below, so the error lands on the rule that has it
          }
          values ??= names.map((name) => {
            try {
              return p.evaluate(ns, name, unit.input, data);
            } catch (e) {
              evalFailed(unit.at(), `${ns}.${name}`, e);
              return undefined;
            }
          });
          const excepted = exceptionNames(names.length > nsRules.length ? values[nsRules.length] : undefined);
          nsRules.forEach((rule, i) => {
            const kind = kinds[i]!;
            let results: PolicyResult[];
            try {
              results = normaliseResults(values[i], `${ns}.${rule.name}`);
            } catch (e) {
              if (!(e instanceof ResultShapeError)) throw e;
              const { w } = unit.at(undefined);
              reportAt(w, "/metadata/name", e.message, { ruleId: "policy/result-shape", source: "policy", severity: "error" });
              return;
            }
            const isExcepted = kind === "deny" && (excepted.has(suffixes[i]!) || excepted.has(rule.name));
            for (const result of results) {
              const { w, pointer } = unit.at(result.pointer);
              const ruleId = policyRuleId(rule, result);
              reportAt(w, pointer, result.message, {
                ruleId,
                source: "policy",
                severity: severityFor(rule, kind, result),
                // `path: /containers/main` is about the container: anchor it on `main:`, not on its first key.
                keyOfBlock: true,
                url: rule.annotations?.relatedResources?.[0],
                suppressedBy: isExcepted ? "exception" : undefined,
              });
            }
          });
        }
      }
    }
  };
}

function evalFailed(at: { w: W; pointer: string }, rule: string, e: unknown): void {
  // The finding sits on the workload being checked; where the policy failed (a budget hit at a Rego
  // rule's line) goes into the message.
  const where = e instanceof PolicyEvalError && e.file && e.line ? ` (at ${e.file}:${e.line}:${e.column ?? 1})` : "";
  const msg = e instanceof PolicyEvalError ? `${e.code}: ${e.message}${where}` : e instanceof Error ? e.message : String(e);
  reportAt(at.w, "/metadata/name", `policy ${rule} could not be evaluated: ${msg}`, { ruleId: "policy/eval-error", source: "policy", severity: "error" });
}
