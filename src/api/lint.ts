// What `scorec check` runs, and what the language server runs for an open buffer: validation, checks,
// policies and rule settings, then — unless turned off — provisioning without writing (the `generate` path
// with `emit: false`), for one target or several. One function, so the CLI and the editor cannot disagree.
import { byCodePoint, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { PipelineResult, SourceInput } from "../pipeline/processor.js";
import type { LoadedProvisionerSet } from "../provision/load-provisioners.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { check, type CheckOptions } from "./check.js";

export interface ProvisionCheckOptions {
  /** Targets to provision for (`--target all` is every registered target). */
  targets: string[];
  environment?: string;
  /** Provisioner files or folders (absolute). */
  provisioners?: string[];
  allowCmdProvisioners?: boolean;
  cmdTimeoutMs?: number;
  seed?: string;
  /** Provisioners already loaded, for the one target given (the language server caches them). */
  loadedProvisioners?: LoadedProvisionerSet;
}

export interface LintOptions extends CheckOptions {
  /** Undefined: check only (no provisioning). */
  provision?: ProvisionCheckOptions;
}

export interface LintResult extends PipelineResult {
  /** Provisioning of the first target, for hover and completion. */
  provision?: ProvisionResult;
  /** Which targets were provisioned for. */
  targets: string[];
}

function key(d: Diagnostic): string {
  return [d.file, d.ruleId, d.severity, d.range.start.line, d.range.start.column, d.range.end.line, d.range.end.column, d.message, d.suppressed ?? false].join("\0");
}

export async function lint(sources: readonly SourceInput[], options: LintOptions): Promise<LintResult> {
  const p = options.provision;
  if (!p || p.targets.length === 0) return { ...check(sources, options), targets: [] };
  const { generate } = await import("./generate.js");
  const results = [];
  for (const [i, target] of [...p.targets].sort(byCodePoint).entries()) {
    results.push(
      await generate(sources, {
        target,
        outputDir: ".",
        root: options.root,
        limits: options.limits,
        rules: options.rules,
        // The disable comments are the same for every target: checked once, with the policies known.
        checkSuppressionIds: i === 0 && options.checkSuppressionIds !== false,
        // Policies see the same workloads whatever the target: evaluate them once.
        ...(i === 0 && options.policy ? { policy: options.policy } : {}),
        environment: p.environment,
        provisioners: p.provisioners,
        allowCmdProvisioners: p.allowCmdProvisioners,
        cmdTimeoutMs: p.cmdTimeoutMs,
        seed: p.seed,
        ...(p.loadedProvisioners && p.targets.length === 1 ? { loadedProvisioners: p.loadedProvisioners } : {}),
        emit: false,
      }),
    );
  }
  // Findings every target shares (schema, checks) are one finding, not one per target.
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const k = key(d);
      if (seen.has(k)) continue;
      seen.add(k);
      diagnostics.push(d);
    }
  }
  const first = results[0]!;
  return { tree: first.tree, files: results.flatMap((r) => r.files), diagnostics, provision: first.provision, targets: [...p.targets].sort(byCodePoint) };
}
