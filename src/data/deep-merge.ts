// Deep merge of JSON-like data: later values win, mappings merge key by key. Nested mappings are copied,
// never changed in place, so merging cannot alter a document another caller still holds (bundle data,
// parsed provisioner output, --data files). Used for provisioner shared state, policy data and bundles.
//
// Keys come from user files, so a key may be "__proto__": every write defines an own property (never the
// `obj[k] = v` setter, which would swap the object's prototype) and every read looks at own properties
// only (never a value inherited from Object.prototype).
const isMap = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);

/** The own value of `obj[key]`, never an inherited one (`{}["constructor"]` is Object). */
export function ownValue(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** `obj[key] = value` as a plain own data property, whatever the key (`__proto__` included). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

export function deepMerge(into: Record<string, unknown>, from: unknown): Record<string, unknown> {
  if (!isMap(from)) return into;
  for (const [k, v] of Object.entries(from)) {
    const cur = ownValue(into, k);
    setOwn(into, k, isMap(cur) && isMap(v) ? deepMerge({ ...cur }, v) : v);
  }
  return into;
}
