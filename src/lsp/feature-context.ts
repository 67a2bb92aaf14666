// Everything a request handler may consult about one open document, gathered by the server.
import type { ProvisionResult } from "../provision/provision-stage.js";
import type { Analysis } from "./analyze.js";
import { docModel, type DocModel } from "./doc-model.js";
import type { ResourceLookup } from "./resource-info.js";
import type { LspSettings } from "./settings.js";
import type { WorkspaceAssets } from "./workspace-assets.js";

export interface FeatureContext {
  uri: string;
  text: string;
  path: string;
  root: string;
  settings: LspSettings;
  /** Latest finished analysis of this document (possibly of an older version). */
  analysis?: Analysis;
  /** Latest provisioning of this document that ran (kept across edits that break it). */
  provision?: ProvisionResult;
  assets?: WorkspaceAssets;
}

/** Lenient model of the buffer; when the buffer has no usable root mapping, the last analysed raw document. */
export function modelOf(ctx: FeatureContext): DocModel {
  const m = docModel(ctx.text);
  if (Object.keys(m.raw).length === 0) {
    const w = ctx.analysis?.result.tree.workloads.find((x) => x.input.path === ctx.path);
    if (w) return { ...m, raw: w.raw };
  }
  return m;
}

export function lookupOf(ctx: FeatureContext, raw: Record<string, unknown>): ResourceLookup {
  return {
    raw,
    path: ctx.path,
    environment: ctx.settings.environment ?? "dev",
    provision: ctx.provision,
    provisioners: ctx.assets?.provisioners.provisioners ?? [],
  };
}
