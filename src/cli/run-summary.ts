// The line `check` prints after pretty output: what was checked (files, targets, policy rules and files,
// the config used), and — when a flag rather than an error decided the exit code — which flag.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ruleKind, selectNamespaces } from "../policy/namespaces.js";
import type { LoadedPolicyOptions } from "../policy/load-policies.js";

export interface RunSummaryInput {
  files: number;
  targets: string[];
  environment: string;
  policies: LoadedPolicyOptions[];
  /** Config file per run (undefined: none found). */
  configs: (string | undefined)[];
  diagnostics: readonly Diagnostic[];
  exitCode: number;
  maxWarnings?: number;
  failOnWarn: boolean;
}

function plural(n: number, one: string, many = one + "s"): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** deny/warn rules that will actually be evaluated (selected namespaces only). */
export function selectedRuleCount(p: LoadedPolicyOptions): number {
  let n = 0;
  for (const set of p.policies) {
    const rules = set.rules();
    const namespaces = new Set(selectNamespaces(rules, p.namespaces ?? [], p.allNamespaces ?? false));
    n += rules.filter((r) => namespaces.has(r.namespace) && ruleKind(r.name)).length;
  }
  return n;
}

export function runSummary(s: RunSummaryInput): string {
  const parts = [`checked ${plural(s.files, "file")}`];
  parts.push(s.targets.length ? `provisioned for ${s.targets.join(", ")} (environment ${s.environment})` : "not provisioned (--no-provision)");
  const rules = s.policies.reduce((n, p) => n + selectedRuleCount(p), 0);
  const files = s.policies.reduce((n, p) => n + p.sources.length, 0);
  parts.push(files ? `${plural(rules, "policy rule")} from ${plural(files, "policy file")}` : "no policies");
  const configs = [...new Set(s.configs.map((c) => c ?? "none"))];
  parts.push(`config: ${configs.join(", ")}`);
  let line = parts.join("; ");
  const live = s.diagnostics.filter((d) => !d.suppressed);
  const errors = live.filter((d) => d.severity === "error").length;
  const warnings = live.filter((d) => d.severity === "warning").length;
  if (s.failOnWarn && s.exitCode !== 0) line += `\nexit ${s.exitCode} (--fail-on-warn: ${errors ? "2 for failures" : "1 for warnings only"})`;
  else if (!s.failOnWarn && errors === 0 && s.exitCode === 1 && s.maxWarnings !== undefined)
    line += `\nexit 1: ${plural(warnings, "warning")} exceed --max-warnings ${s.maxWarnings}`;
  return line + "\n";
}
