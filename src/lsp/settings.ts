// Language-server settings: what the client sends in `initializationOptions` or answers for the
// `workspace/configuration` section "scorec". Anything malformed falls back to the default, so a bad
// setting never stops the server; `buildPipelineOptions` is the one place that turns settings into
// check/generate options (the lead extends it as new pipeline options appear).
import type { LoadedProvisionerSet } from "../provision/load-provisioners.js";
import { isAbsolute, resolve } from "node:path";
import type { CheckOptions } from "../api/check.js";
import type { GenerateOptions } from "../api/generate.js";
import type { LintOptions } from "../api/lint.js";
import type { RuleSettings } from "../check/suppressions.js";
import type { PolicyStageOptions } from "../policy/policy-stage.js";

export interface LspSettings {
  /** Target whose built-in provisioners are used for provisioning findings. */
  target: string;
  environment?: string;
  /** Provisioner files or folders (relative to the workspace root). */
  provisioners: string[];
  /** Policy files or folders (relative to the workspace root). */
  policies: string[];
  /**
   * Rule id → "off" | severity. In the client's JSON `false` means "off" and `true` "as default";
   * `disabledRules: [ids]` is the list form.
   */
  rules: RuleSettings;
  /** Quiet time after the last edit before re-analysing. */
  debounceMs: number;
  /** Run provisioning (generate) as well as checks; off → check only. */
  provision: boolean;
  // From the project's `.scorec/config.yaml` only (src/lsp/config-settings.ts), as `scorec check` reads them:
  /** Policy data files (absolute). */
  data?: string[];
  namespaces?: string[];
  regoVersion?: 0 | 1;
  seed?: string;
  maxFileSize?: number;
}

export const DEFAULT_SETTINGS: LspSettings = { target: "compose", provisioners: [], policies: [], rules: {}, debounceMs: 75, provision: true };

const SEVERITIES = new Set(["off", "error", "warning", "info"]);

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : undefined;
}

/** Merge a client-sent settings object (possibly `{ scorec: {...} }`) over `base`, ignoring bad values. */
export function readSettings(raw: unknown, base: LspSettings = DEFAULT_SETTINGS): LspSettings {
  if (!raw || typeof raw !== "object") return base;
  let o = raw as Record<string, unknown>;
  if (o.scorec && typeof o.scorec === "object") o = o.scorec as Record<string, unknown>;
  const out: LspSettings = { ...base, rules: { ...base.rules } };
  if (typeof o.target === "string" && o.target) out.target = o.target;
  if (typeof o.environment === "string" && o.environment) out.environment = o.environment;
  out.provisioners = strings(o.provisioners) ?? out.provisioners;
  out.policies = strings(o.policies) ?? out.policies;
  if (typeof o.debounceMs === "number" && o.debounceMs >= 0 && o.debounceMs <= 10_000) out.debounceMs = o.debounceMs;
  if (typeof o.provision === "boolean") out.provision = o.provision;
  if (o.rules && typeof o.rules === "object" && !Array.isArray(o.rules)) {
    const rules: RuleSettings = {};
    for (const [id, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (v === false) rules[id] = "off";
      else if (typeof v === "string" && SEVERITIES.has(v)) rules[id] = v as RuleSettings[string];
    }
    out.rules = rules;
  }
  // A plain list is accepted too, for clients whose settings UI has no maps.
  for (const id of strings(o.disabledRules) ?? []) out.rules = { ...out.rules, [id]: "off" };
  return out;
}

/** Settings paths are relative to the workspace root. */
export function absolutePaths(paths: readonly string[], root: string): string[] {
  return paths.map((p) => (isAbsolute(p) ? p : resolve(root, p)));
}

export interface PipelineOptionsFor {
  check: CheckOptions;
  /** `outputDir` is only used for relative paths inside artifacts: nothing is ever written. */
  generate: GenerateOptions;
  /** What `scorec check` runs (src/api/lint.ts), built from the same config and settings. */
  lint: LintOptions;
}

/**
 * Settings → options for `check` and `generate`. Policies arrive preloaded (loaded once, reloaded on
 * watched-file changes) and are passed through untouched; provisioners are paths because that is what
 * `generate` takes today.
 */
export function buildPipelineOptions(settings: LspSettings, root: string, policy?: PolicyStageOptions, provisioners?: LoadedProvisionerSet): PipelineOptionsFor {
  const limits = settings.maxFileSize ? { limits: { maxFileSize: settings.maxFileSize } } : {};
  const common = { root, rules: settings.rules, ...limits, ...(policy ? { policy } : {}) };
  const provisionerPaths = absolutePaths(settings.provisioners, root);
  return {
    check: { ...common },
    generate: {
      ...common,
      target: settings.target,
      outputDir: resolve(root, ".scorec-lsp-out"),
      ...(settings.environment ? { environment: settings.environment } : {}),
      provisioners: provisionerPaths,
      // Loaded once per workspace (reloaded when the files change), and nothing to emit: diagnostics only.
      ...(provisioners ? { loadedProvisioners: provisioners } : {}),
      ...(settings.seed ? { seed: settings.seed } : {}),
      emit: false,
    },
    // As `scorec check` without flags: cmd:// provisioners are not run (their outputs are unknown, not missing).
    lint: {
      ...common,
      provision: {
        targets: [settings.target],
        environment: settings.environment ?? "dev",
        provisioners: provisionerPaths,
        allowCmdProvisioners: false,
        ...(settings.seed ? { seed: settings.seed } : {}),
        ...(provisioners ? { loadedProvisioners: provisioners } : {}),
      },
    },
  };
}
