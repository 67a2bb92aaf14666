// Score volumes → Compose volume mounts, the way score-compose maps them: the source must be a resource
// (`${resources.NAME}`) whose outputs say what it is — `type: volume` (a named volume, optional `volume:`
// options), `type: tmpfs` (`tmpfs:` options such as `size`) or `type: bind` (a host path, optional `bind:`
// options). The Score `path` becomes the volume's subpath, or is joined to the bind source. A literal
// volume name is a named volume that gets declared; anything else is an error at the source.
import { posix } from "node:path";
import type { EmitFinding, ProvisionedResource, ResolvedContainer, ResolvedVolume, ResolvedWorkload } from "../../src/emit/target.js";
import { toPointer } from "../../src/parse/source-file.js";

type Mount = Record<string, unknown>;

/** The keys each volume type's outputs may have (score-compose decodes them strictly). */
const ALLOWED: Record<string, readonly string[]> = {
  volume: ["type", "source", "volume"],
  tmpfs: ["type", "tmpfs"],
  bind: ["type", "source", "bind"],
};

/** Go's filepath.Join on POSIX: join, then clean (no trailing slash, no `.`/`..` left where resolvable). */
function goJoin(a: string, b: string): string {
  const joined = [a, b].filter((x) => x !== "").join("/");
  if (joined === "") return "";
  const clean = posix.normalize(joined);
  return clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * compose-go's bind options default `create_host_path` to false when decoded from outputs and omit it when
 * true (its "opt-out" default): score-compose therefore writes `create_host_path: false` unless the
 * provisioner asked for true. scorec writes the same, so the host path behaves as with score-compose.
 */
function bindOptions(bind: Record<string, unknown>): Record<string, unknown> {
  const { create_host_path: create, ...rest } = bind;
  return create === true ? rest : { ...rest, create_host_path: false };
}

export function volumeMount(
  w: ResolvedWorkload,
  c: ResolvedContainer,
  v: ResolvedVolume,
  resources: ReadonlyMap<string, ProvisionedResource>,
  envRef: (s: string) => string,
  findings: EmitFinding[],
  /** Literal volume names to declare under the top-level `volumes`. */
  declare?: Set<string>,
): Mount | undefined {
  const pointer = toPointer(["containers", c.name, "volumes", v.target, "source"]);
  const fail = (message: string): undefined => {
    findings.push({ workload: w.name, pointer, ruleId: "compose/volume-source", severity: "error", message });
    return undefined;
  };
  const uid = v.resource !== undefined ? w.resources[v.resource] : undefined;
  const res = uid !== undefined ? resources.get(uid) : undefined;
  if (!res) {
    // A literal name (Score's older style): a named volume, which the caller declares at the top level —
    // score-compose leaves it undeclared, and Compose then refuses the project.
    if (v.resource === undefined && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v.source)) {
      declare?.add(v.source);
      return { type: "volume", source: v.source, target: v.target, ...(v.readOnly ? { read_only: true } : {}), ...(v.path ? { volume: { subpath: goJoin("", v.path) } } : {}) };
    }
    return fail(
      `source "${envRef(v.source)}" is neither a resource nor a volume name; a volume source must be \${resources.NAME} of a resource whose outputs say its type (volume, tmpfs or bind)`,
    );
  }
  const type = res.outputs.type;
  if (typeof type !== "string") return fail(`resource "${v.resource}" (${res.uid}) has no "type" output, so it cannot be mounted as a volume`);
  const allowed = ALLOWED[type];
  if (!allowed) return fail(`resource "${v.resource}" (${res.uid}) has type "${type}"; a volume's type is volume, tmpfs or bind`);
  const unknown = Object.keys(res.outputs).filter((k) => !allowed.includes(k)).sort();
  if (unknown.length) return fail(`the outputs of resource "${v.resource}" (${res.uid}) cannot describe a ${type} mount: unknown output(s) ${unknown.map((k) => `"${k}"`).join(", ")} (allowed: ${allowed.join(", ")})`);
  const options = res.outputs[type];
  if (options !== undefined && options !== null && !isMap(options)) return fail(`output "${type}" of resource "${v.resource}" (${res.uid}) must be a mapping of ${type} options`);
  const source = res.outputs.source;
  if (type !== "tmpfs" && typeof source !== "string") return fail(`resource "${v.resource}" (${res.uid}) has no "source" output for its ${type} mount`);
  const mount: Mount = { type, source, target: v.target, ...(v.readOnly ? { read_only: true } : {}) };
  if (type === "volume") {
    const opts = { ...(options ?? {}) } as Record<string, unknown>;
    if (v.path) opts.subpath = goJoin(typeof opts.subpath === "string" ? opts.subpath : "", v.path);
    if (Object.keys(opts).length) mount.volume = opts;
  } else if (type === "tmpfs") {
    if (v.path) return fail(`a tmpfs volume has no sub path; remove path "${v.path}"`);
    // score-compose keeps the resource uid as the tmpfs source; so does scorec, for the same compose.yaml.
    mount.source = res.uid;
    if (options) mount.tmpfs = { ...options };
  } else {
    if (v.path) mount.source = goJoin(source as string, v.path);
    if (options !== undefined && options !== null) mount.bind = bindOptions(options);
  }
  return mount;
}
