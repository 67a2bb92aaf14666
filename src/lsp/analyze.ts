// One analysis of one editor buffer: the `lint` function `scorec check` calls (src/api/lint.ts), with the
// options built from the same config and settings, so the editor and the lint gate cannot disagree.
// Nothing is written (provisioning runs without emitting). The result keeps the tree so hover, completion
// and definition can use the last provisioning.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { PipelineResult } from "../pipeline/processor.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { lint } from "../api/lint.js";
import { buildPipelineOptions, type LspSettings } from "./settings.js";
import type { WorkspaceAssets } from "./workspace-assets.js";

type GenerateModule = typeof import("../api/generate.js");

export interface Analysis {
  path: string;
  /** Findings on this document only, suppressed ones left out. */
  diagnostics: Diagnostic[];
  result: PipelineResult;
  provision?: ProvisionResult;
  /** Which path ran: "generate" (lint with provisioning) or "check" (provisioning unavailable, disabled or failed). */
  mode: "generate" | "check";
}

let generateModule: Promise<GenerateModule | undefined> | undefined;

/** Provisioning pulls in targets and template engines; import it once, lazily, and survive its absence. */
function loadGenerate(log: (m: string) => void): Promise<GenerateModule | undefined> {
  generateModule ??= import("../api/generate.js").catch((e: unknown) => {
    log(`scorec: generate is unavailable, checking only: ${(e as Error).message}`);
    return undefined;
  });
  return generateModule;
}

function configFinding(path: string, message: string): Diagnostic {
  const at = { line: 1, column: 1, offset: 0 };
  return { file: path, ruleId: "config/lsp", source: "config", severity: "warning", message, range: { start: at, end: at } };
}

export async function analyze(
  path: string,
  contents: string,
  root: string,
  settings: LspSettings,
  assets: WorkspaceAssets | undefined,
  log: (m: string) => void = () => {},
): Promise<Analysis> {
  const { lint: options } = buildPipelineOptions(settings, root, assets?.policy, assets?.provisioners);
  const sources = [{ path, contents }];
  const extra: Diagnostic[] = [];
  let result: PipelineResult | undefined;
  let provision: ProvisionResult | undefined;
  let mode: Analysis["mode"] = "check";
  if (settings.provision) {
    const g = await loadGenerate(log);
    if (g) {
      try {
        const r = await lint(sources, options);
        result = r;
        provision = r.provision;
        mode = "generate";
      } catch (e) {
        if (e instanceof g.UnknownTargetError) extra.push(configFinding(path, `scorec language server: ${e.message}; checking without provisioning`));
        else log(`scorec: provisioning failed, checking only: ${(e as Error).stack ?? e}`);
      }
    }
  }
  result ??= await lint(sources, { ...options, provision: undefined });
  const diagnostics = [...result.diagnostics.filter((d) => d.file === path && !d.suppressed), ...extra];
  return { path, diagnostics, result, provision, mode };
}
