// Known Compose keys in a fixed, readable order; everything else (user maps) is code-point sorted by
// the YAML writer.
const TOP = ["name", "services", "volumes", "networks", "models", "configs", "secrets"];
const SERVICE = [
  "image",
  "build",
  "entrypoint",
  "command",
  "environment",
  "env_file",
  "ports",
  "volumes",
  "network_mode",
  "networks",
  "depends_on",
  "models",
  "healthcheck",
  "deploy",
  "restart",
  "labels",
  "annotations",
];
const VOLUME_MOUNT = ["type", "source", "target", "read_only", "volume", "bind", "tmpfs"];
const BUILD = ["context", "dockerfile", "dockerfile_inline", "target", "args"];
const HEALTHCHECK = ["test", "interval", "timeout", "retries", "start_period"];

export function composeKeyOrder(path: readonly string[]): string[] | undefined {
  if (path.length === 0) return TOP;
  if (path[0] === "services" && path.length === 2) return SERVICE;
  if (path[0] === "services" && path[2] === "volumes" && path.length === 4) return VOLUME_MOUNT;
  if (path[0] === "services" && path[2] === "healthcheck") return HEALTHCHECK;
  if (path[0] === "services" && path[2] === "build" && path.length === 3) return BUILD;
  if (path[0] === "services" && path[2] === "ports" && path.length === 4) return ["target", "published", "protocol"];
  if (path[0] === "services" && path[2] === "depends_on" && path.length === 4) return ["condition", "required", "restart"];
  return undefined;
}
