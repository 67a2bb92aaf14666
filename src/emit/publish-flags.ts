// `--publish HOST_PORT:WORKLOAD:PORT` and `--publish HOST_PORT:RESOURCE_UID.OUTPUT:PORT` (score-compose's
// forms). Only the syntax is checked here; whether the workload or resource exists is the target's call.
import type { PublishSpec } from "./target.js";

/** The resource uid as provisioning spells it: `type.class#id`, class `default` when left out. */
export function normaliseResourceUid(raw: string): string {
  const hash = raw.indexOf("#");
  const head = raw.slice(0, hash);
  return (head.includes(".") ? head : `${head}.default`) + raw.slice(hash);
}

function port(raw: string, what: string): number | string {
  if (!/^\d+$/.test(raw)) return `could not parse ${what} '${raw}' as integer`;
  const n = Number(raw);
  if (n <= 1 || n > 65535) return `${what} must be between 2 and 65535`;
  return n;
}

/** A PublishSpec, or the reason the value is malformed. */
export function parsePublishFlag(spec: string): PublishSpec | string {
  const parts = spec.split(":");
  if (parts.length <= 2) return "expected 3 :-separated parts (HOST_PORT:WORKLOAD:PORT or HOST_PORT:RESOURCE_UID.OUTPUT:PORT)";
  const hostPort = port(parts[0]!, "host port");
  if (typeof hostPort === "string") return hostPort;
  const containerPort = port(parts[parts.length - 1]!, "container port");
  if (typeof containerPort === "string") return containerPort;
  const ref = parts.slice(1, -1).join(":");
  if (!ref.includes("#")) return { spec, hostPort, port: containerPort, workload: ref };
  const dot = ref.lastIndexOf(".");
  if (dot < 0 || dot < ref.indexOf("#")) return "must match RES_UID.OUTPUT (e.g. postgres#my-workload.db.host)";
  const uid = ref.slice(0, dot);
  const output = ref.slice(dot + 1);
  if (uid.startsWith("#") || uid.endsWith("#") || !output) return "must match RES_UID.OUTPUT (e.g. postgres#my-workload.db.host)";
  return { spec, hostPort, port: containerPort, resource: { uid: normaliseResourceUid(uid), output } };
}
