// Validates catalog entities with Backstage's own catalog model (@backstage/catalog-model): the envelope
// and field-format policies the catalog backend applies on ingestion, then the kind's v1alpha1 validator.
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  type Entity,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from "@backstage/catalog-model";

const POLICIES = [new SchemaValidEntityPolicy(), new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy()];
const KINDS = { Component: componentEntityV1alpha1Validator, Resource: resourceEntityV1alpha1Validator } as const;

/** The first error Backstage reports for `entity`, or undefined when it is accepted. */
export async function backstageError(entity: Entity): Promise<string | undefined> {
  try {
    let e: Entity | undefined = structuredClone(entity);
    for (const p of POLICIES) e = (await p.enforce(e!)) ?? e;
    const kind = KINDS[entity.kind as keyof typeof KINDS];
    if (!kind) return `unexpected kind ${entity.kind}`;
    if (!(await kind.check(e!))) return `${entity.kind} validator did not accept it`;
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
