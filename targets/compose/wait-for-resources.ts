// score-compose's `wait-for-resources` service: when provisioners added services (a database, its `-init`
// job, a broker…), one extra service waits for all of them — healthy when they have a healthcheck,
// completed when they are marked as init jobs, started otherwise — and every workload service waits for
// it to complete. So a workload never starts before the resources it uses are ready.

export const WAIT_SERVICE = "wait-for-resources";

/** score-compose's marker of a resource service that runs once and exits (an init job). */
export const INIT_CONTAINER_LABEL = "dev.score.compose.labels.is-init-container";

function asMap(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A label's value from either Compose form: a map, or a list of `KEY=VALUE` strings. */
function labelValue(labels: unknown, key: string): string | undefined {
  if (Array.isArray(labels)) {
    for (const l of labels) if (typeof l === "string" && l.startsWith(key + "=")) return l.slice(key.length + 1);
    return undefined;
  }
  const v = asMap(labels)[key];
  return v === undefined || v === null ? undefined : String(v);
}

/** True when the service has a healthcheck that actually runs (not `disable: true`, not `test: [NONE]`). */
function hasHealthcheck(svc: Record<string, unknown>): boolean {
  if (svc.healthcheck === undefined || svc.healthcheck === null) return false;
  const hc = asMap(svc.healthcheck);
  if (hc.disable === true) return false;
  if (Array.isArray(hc.test) && hc.test[0] === "NONE") return false;
  return true;
}

export function readinessCondition(svc: unknown): string {
  const s = asMap(svc);
  if (hasHealthcheck(s)) return "service_healthy";
  if (labelValue(s.labels, INIT_CONTAINER_LABEL) === "true") return "service_completed_successfully";
  return "service_started";
}

/** The wait service for these resource services, or undefined when there are none. */
export function waitForResources(resourceServices: Record<string, unknown>): Record<string, unknown> | undefined {
  const names = Object.keys(resourceServices);
  if (!names.length) return undefined;
  const dependsOn: Record<string, unknown> = {};
  for (const n of names) dependsOn[n] = { condition: readinessCondition(resourceServices[n]), required: true };
  return { image: "alpine", command: ["echo"], depends_on: dependsOn };
}

/** Make a workload service wait for the wait service (kept beside its own `before` dependencies). */
export function dependOnWait(svc: Record<string, unknown>): void {
  svc.depends_on = { ...asMap(svc.depends_on), [WAIT_SERVICE]: { condition: "service_completed_successfully", required: true } };
}
