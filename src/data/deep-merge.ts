// Deep merge of JSON-like data: later values win, mappings merge key by key. Nested mappings are copied,
// never changed in place, so merging cannot alter a document another caller still holds (bundle data,
// parsed provisioner output, --data files). Used for provisioner shared state, policy data and bundles.
const isMap = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);

export function deepMerge(into: Record<string, unknown>, from: unknown): Record<string, unknown> {
  if (!isMap(from)) return into;
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    into[k] = isMap(cur) && isMap(v) ? deepMerge({ ...cur }, v) : v;
  }
  return into;
}
