// Document operations used by the evaluator: indexing, membership, path updates and object building.
import type { Term } from "./ast.js";
import { RegoError, type Location } from "./errors.js";
import { equal, RObject, RSet, type Value } from "./value.js";

/** A term with no vars, refs or calls (absent value = `true`). */
export function isGround(t: Term | undefined): boolean {
  if (!t) return true;
  switch (t.t) {
    case "scalar":
      return true;
    case "array":
    case "set":
      return t.items.every(isGround);
    case "object":
      return t.items.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return false;
  }
}

export function index(v: Value, k: Value): Value | undefined {
  if (Array.isArray(v)) {
    if (typeof k === "number" && Number.isInteger(k) && k >= 0 && k < v.length) return v[k];
    return undefined;
  }
  if (v instanceof RObject) return v.get(k);
  if (v instanceof RSet) return v.has(k) ? k : undefined;
  return undefined;
}

export function member(c: Value, x: Value): boolean {
  if (Array.isArray(c)) return c.some((e) => equal(e, x));
  if (c instanceof RSet) return c.has(x);
  if (c instanceof RObject) {
    for (const v of c.values()) if (equal(v, x)) return true;
  }
  return false;
}

export function isPrefix(p: Value[], of: Value[]): boolean {
  if (p.length > of.length) return false;
  for (let i = 0; i < p.length; i++) if (!equal(p[i]!, of[i]!)) return false;
  return true;
}

/** Copy of `v` with `path` set to `val`, creating objects along the way. */
export function upsert(v: Value | undefined, path: Value[], val: Value): Value {
  if (path.length === 0) return val;
  const o = v instanceof RObject ? new RObject(v.entries()) : new RObject();
  o.set(path[0]!, upsert(o.get(path[0]!), path.slice(1), val));
  return o;
}

/** Containers built by insertAt itself; anything else (e.g. a shared constant leaf) is copied before change. */
const owned = new WeakSet<object>();

export function insertAt(obj: RObject, keys: Value[], leaf: Value, setLeaf: boolean, loc: Location): void {
  let cur = obj;
  const last = setLeaf ? keys.length : keys.length - 1;
  for (let i = 0; i < last; i++) {
    let nx = cur.get(keys[i]!);
    if (i === last - 1 && setLeaf) {
      if (nx !== undefined && !(nx instanceof RSet)) throw new RegoError("eval_conflict_error", "object keys must be unique", loc);
      if (nx === undefined || !owned.has(nx)) {
        nx = new RSet(nx ?? []);
        owned.add(nx);
        cur.set(keys[i]!, nx);
      }
      nx.add(leaf);
      return;
    }
    if (nx !== undefined && !(nx instanceof RObject)) throw new RegoError("eval_conflict_error", "object keys must be unique", loc);
    if (nx === undefined || !owned.has(nx)) {
      nx = new RObject(nx?.entries());
      owned.add(nx);
      cur.set(keys[i]!, nx);
    }
    cur = nx;
  }
  const lk = keys[keys.length - 1]!;
  const prev = cur.get(lk);
  if (prev !== undefined && !equal(prev, leaf)) throw new RegoError("eval_conflict_error", "object keys must be unique", loc);
  cur.set(lk, leaf);
}
