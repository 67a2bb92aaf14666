// One analysis of one editor buffer through the shared pipeline: `generate` (for provisioning findings)
// when it is available and enabled, else `check`. Nothing is written: generate returns artifacts, which
// are dropped. The result keeps the tree so hover/completion/definition can use the last provisioning.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { PipelineResult } from "../pipeline/processor.js";
import type { ProvisionResult } from "../provision/provision-stage.js";
import { check } from "../api/check.js";
import { buildPipelineOptions, type LspSettings } from "./settings.js";
import type { WorkspaceAssets } from "./workspace-assets.js";

type GenerateModule = typeof import("../api/generate.js");

export interface Analysis {
  path: string;
  /** Findings on this document only, suppressed ones left out. */
  diagnostics: Diagnostic[];
  result: PipelineResult;
  provision?: ProvisionResult;
  /** Which path ran: "generate" or "check" (generate unavailable, disabled or failed). */
  mode: "generate" | "check";
}

let generateModule: Promise<GenerateModule | undefined> | undefined;

/** `generate` pulls in targets and template engines; import it once, lazily, and survive its absence. */
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
  const options = buildPipelineOptions(settings, root, assets?.policy, assets?.provisioners);
  const sources = [{ path, contents }];
  const extra: Diagnostic[] = [];
  let result: PipelineResult | undefined;
  let provision: ProvisionResult | undefined;
  let mode: Analysis["mode"] = "check";
  if (settings.provision) {
    const g = await loadGenerate(log);
    if (g) {
      try {
        const r = await g.generate(sources, options.generate);
        result = r;
        provision = r.provision;
        mode = "generate";
      } catch (e) {
        if (e instanceof g.UnknownTargetError) extra.push(configFinding(path, `scorec language server: ${e.message}; checking without provisioning`));
        else log(`scorec: generate failed, checking only: ${(e as Error).stack ?? e}`);
      }
    }
  }
  result ??= check(sources, options.check);
  const diagnostics = [...result.diagnostics.filter((d) => d.file === path && !d.suppressed), ...extra];
  return { path, diagnostics, result, provision, mode };
}
