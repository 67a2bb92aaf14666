// The registry of targets: name → module. Adding a target is one line here and a folder in targets/.
import type { Target } from "./target.js";

type TargetModule = Record<string, unknown>;

const LOADERS: Record<string, () => Promise<TargetModule>> = {
  backstage: () => import("../../targets/backstage/index.js"),
  compose: () => import("../../targets/compose/index.js"),
  helm: () => import("../../targets/helm/index.js"),
  terraform: () => import("../../targets/terraform/index.js"),
};

export const TARGET_NAMES = Object.keys(LOADERS).sort();

function isTarget(v: unknown): v is Target {
  return Boolean(v && typeof v === "object" && typeof (v as Target).emit === "function" && typeof (v as Target).name === "string");
}

export async function loadTarget(name: string): Promise<Target | undefined> {
  const load = LOADERS[name];
  if (!load) return undefined;
  const m = await load();
  return isTarget(m.default) ? m.default : (Object.values(m).find(isTarget) as Target | undefined);
}
