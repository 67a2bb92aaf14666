// Output order of the values file: the chart's sections in reading order, each entry's keys as a person
// would write them; everything else (user maps, provisioner manifests' inner keys) in code-point order.
import type { KeyOrder } from "../../src/emit/ordered-keys.js";

const TOP = ["workload", "containers", "initContainers", "service", "volumes", "secrets", "environment", "extraObjects"];
const CONTAINER = ["image", "command", "args", "env", "files", "volumeMounts", "livenessProbe", "readinessProbe", "startupProbe", "resources"];
const K8S_OBJECT = ["apiVersion", "kind", "metadata", "spec", "data", "stringData"];
const METADATA = ["name", "namespace", "labels", "annotations"];

export const helmKeyOrder: KeyOrder = (path) => {
  const [a, b, c, d] = path;
  if (path.length === 0) return TOP;
  if (a === "workload" && path.length === 1) return ["name", "kind", "replicas", "annotations", "labels"];
  if (a === "containers" && path.length === 2) return CONTAINER;
  if (a === "containers" && c === "env" && path.length === 4) return ["name", "value", "secretKeyRef", "configMapKeyRef"];
  if (a === "containers" && c === "files" && path.length === 4) return ["mountPath", "key", "mode", "content", "binaryContent", "secret", "secretKeyRef"];
  if (a === "containers" && c === "volumeMounts" && path.length === 4) return ["name", "mountPath", "subPath", "readOnly"];
  if (a === "containers" && d === "httpGet") return ["scheme", "host", "port", "path", "httpHeaders"];
  if (a === "initContainers" && path.length === 2) return ["name", "sidecar"];
  if (a === "service" && path.length === 1) return ["type", "ports"];
  if (a === "service" && b === "ports" && path.length === 3) return ["name", "port", "targetPort", "protocol"];
  if (a === "volumes" && c === "claim") return ["size", "accessModes", "storageClassName", "perReplica"];
  if (a === "extraObjects" && path.length === 2) return K8S_OBJECT;
  if (a === "extraObjects" && path[path.length - 1] === "metadata") return METADATA;
  if (a === "secretKeyRef" || path[path.length - 1] === "secretKeyRef") return ["name", "key"];
  return undefined;
};
