// Kubernetes manifests checked against the Kubernetes OpenAPI schemas, as compiled into validators by
// kubernetes-models (core API groups) and @kubernetes-models/gateway-api (HTTPRoute from the route
// provisioner). Each model lives at <package>/<apiVersion>/<Kind>, so the object's own apiVersion and kind
// name the validator; an apiVersion/kind with no model is an error, not a pass.
// Limits: the OpenAPI schemas do not forbid unknown fields (the API server's strict field validation does),
// and string formats such as DNS-1123 names are not checked.

/** The package holding models for an API group; core and the built-in groups are in kubernetes-models. */
const PACKAGE_BY_GROUP: Record<string, string> = {
  "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
};

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

const models = new Map<string, Promise<ModelClass | undefined>>();

function modelOf(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const pkg = PACKAGE_BY_GROUP[group] ?? "kubernetes-models";
    models.set(
      key,
      import(`${pkg}/${apiVersion}/${kind}`).then(
        (m: Record<string, ModelClass>) => m[kind],
        () => undefined,
      ),
    );
  }
  return models.get(key)!;
}

/** Schema errors of one manifest (empty when valid). */
export async function k8sSchemaErrors(manifest: { apiVersion?: unknown; kind?: unknown; [field: string]: unknown }): Promise<string[]> {
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["apiVersion and kind must be strings"];
  const Model = await modelOf(apiVersion, kind);
  if (!Model) return [`no schema for ${apiVersion} ${kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}
