// Provisioners' `info_logs` (score-compose: how to reach what was provisioned, e.g. "--publish 5432:…"),
// as "<uid>: <message>" lines in provisioning order, so the CLI prints the same lines on every run.
import type { ProvisionResult } from "./provision-stage.js";

export function infoLogs(result: ProvisionResult | undefined): string[] {
  if (!result) return [];
  const out: string[] = [];
  for (const uid of result.graph.order) {
    const logs = result.resources.get(uid)?.fragments.info_logs;
    if (Array.isArray(logs)) for (const l of logs) out.push(`${uid}: ${String(l)}`);
  }
  return out;
}
