// A deep copy of parsed YAML data (plain objects, arrays, strings, numbers, booleans, null), the same as
// structuredClone gives for it at a fraction of the cost: structuredClone serialises and deserialises every
// value, which made it most of the validate stage. Like structuredClone, an object reached twice (a YAML
// alias) is copied once and shared in the copy, and a `__proto__` key stays an own property.
export function cloneData<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== "object") return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i], seen);
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return structuredClone(v); // not plain data: let the platform decide
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  for (const k of Object.keys(v)) {
    const x = copy((v as Record<string, unknown>)[k], seen);
    if (k === "__proto__") Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
