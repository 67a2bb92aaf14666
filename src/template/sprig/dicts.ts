/** sprig dict functions (dicts are plain objects; `keys`/`values` use sorted key order). */
import { def, type FuncDef } from "../funcs.js";
import { goTypeName, hasOwn, isMap, sortedKeys } from "../values.js";
import { empty, strval } from "./convert.js";

type Dict = Record<string, unknown>;

function asDict(v: unknown, fn: string): Dict {
  if (v === null || v === undefined) return {};
  if (!isMap(v)) throw new Error(`${fn}: expected map[string]interface {}, got ${goTypeName(v)}`);
  return v;
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error("dig needs at least three arguments");
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== "string") throw new Error(`interface conversion: interface {} is ${goTypeName(k)}, not string`);
    return k;
  });
  const dflt = ps[ps.length - 2];
  // A nil/missing map behaves like an empty one (Go passes typed nil maps here).
  let cur: Dict = asDict(ps[ps.length - 1], "dig");
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (!hasOwn(cur, k)) return dflt;
    const step = cur[k];
    if (i === keys.length - 1) return step;
    if (!isMap(step)) {
      throw new Error(`interface conversion: interface {} is ${goTypeName(step)}, not map[string]interface {}`);
    }
    cur = step;
  }
  return dflt;
}

/** mergo-style deep merge: maps merge recursively; other values follow `overwrite`. */
function mergeInto(dst: Dict, src: Dict, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const s = src[k];
    if (!hasOwn(dst, k)) {
      dst[k] = s;
      continue;
    }
    const d = dst[k];
    if (isMap(d) && isMap(s)) mergeInto(d, s, overwrite);
    else if (overwrite ? !empty(s) : empty(d)) dst[k] = s;
  }
}

function merge(overwrite: boolean) {
  return (dst: unknown, ...srcs: unknown[]): unknown => {
    const d = asDict(dst, overwrite ? "mergeOverwrite" : "merge");
    for (const s of srcs) {
      if (s === null || s === undefined) continue;
      if (!isMap(s)) throw new Error(`error merging: src and dst must be of same type`);
      mergeInto(d, s, overwrite);
    }
    return d;
  };
}

function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out: Dict = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}

export const DICT_FUNCS: Record<string, FuncDef> = {
  dict: def([], (...a) => {
    const out: Dict = {};
    for (let i = 0; i < a.length; i += 2) out[strval(a[i])] = i + 1 < a.length ? a[i + 1] : "";
    return out;
  }, "any"),
  dig: def([], dig, "any"),
  get: def(["map", "string"], (d, k) => {
    const m = asDict(d, "get");
    return hasOwn(m, k as string) ? m[k as string] : "";
  }),
  set: def(["map", "string", "any"], (d, k, v) => {
    const m = d as Dict;
    if (m === null) throw new Error("assignment to entry in nil map");
    m[k as string] = v;
    return m;
  }),
  unset: def(["map", "string"], (d, k) => {
    const m = asDict(d, "unset");
    delete m[k as string];
    return m;
  }),
  hasKey: def(["map", "string"], (d, k) => hasOwn(asDict(d, "hasKey"), k as string)),
  keys: def([], (...ds) => ds.flatMap((d) => sortedKeys(asDict(d, "keys"))), "map"),
  values: def(["map"], (d) => {
    const m = asDict(d, "values");
    return sortedKeys(m).map((k) => m[k]);
  }),
  pluck: def(["string"], (k, ...ds) =>
    ds.map((d) => asDict(d, "pluck")).filter((m) => hasOwn(m, k as string)).map((m) => m[k as string]), "map"),
  pick: def(["map"], (d, ...ks) => {
    const m = asDict(d, "pick");
    const out: Dict = {};
    for (const k of ks as string[]) if (hasOwn(m, k)) out[k] = m[k];
    return out;
  }, "string"),
  omit: def(["map"], (d, ...ks) => {
    const m = asDict(d, "omit");
    const out: Dict = {};
    for (const k of Object.keys(m)) if (!(ks as string[]).includes(k)) out[k] = m[k];
    return out;
  }, "string"),
  merge: def(["map"], merge(false), "any"),
  mergeOverwrite: def(["map"], merge(true), "any"),
  deepCopy: def(["any"], deepCopy),
};
