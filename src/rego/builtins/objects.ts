// Object builtins: object.get/union/union_n/remove/filter/keys/subset.
import { RObject, RSet, equal, mergeObjects, type Value } from "../value.js";
import { anyOf, arr, def, elemErr, obj, setOf, typeErr } from "./args.js";
import { BuiltinError, type BuiltinDef } from "./types.js";

/** One step of a path into any collection: object key, array index, or set member. */
export function child(v: Value, k: Value): Value | undefined {
  if (v instanceof RObject) return v.get(k);
  if (Array.isArray(v)) return typeof k === "number" && Number.isInteger(k) && k >= 0 && k < v.length ? v[k] : undefined;
  if (v instanceof RSet) return v.has(k) ? k : undefined;
  return undefined;
}

/** Keys given as an array, set, or the keys of an object. */
function keyList(name: string, args: Value[], i: number): Value[] {
  const v = args[i]!;
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return [...v];
  if (v instanceof RObject) return v.keys();
  throw typeErr(name, i + 1, ["object", "set", "array"], v);
}

function setSubset(sup: RSet, sub: RSet): boolean {
  for (const x of sub) if (!sup.has(x)) return false;
  return true;
}

/** `sub` appears contiguously, in order, within `sup`. */
function arraySubset(sup: Value[], sub: Value[]): boolean {
  if (sub.length > sup.length) return false;
  outer: for (let i = 0; i + sub.length <= sup.length; i++) {
    for (let j = 0; j < sub.length; j++) if (!equal(sup[i + j]!, sub[j]!)) continue outer;
    return true;
  }
  return false;
}

/** Every member of the set occurs in the array. OPA counts matching array elements, duplicates included,
 * and an empty array never qualifies; both quirks are kept. */
function arraySetSubset(sup: Value[], sub: RSet): boolean {
  let unmatched = sub.size;
  for (const x of sup) {
    if (sub.has(x)) unmatched--;
    if (unmatched <= 0) return true;
  }
  return false;
}

/** Objects recurse into values that are both objects, both sets or both arrays; otherwise values must be equal. */
function objectSubset(sup: RObject, sub: RObject): boolean {
  for (const [k, v] of sub) {
    const s = sup.get(k);
    if (s === undefined) return false;
    if (equal(s, v)) continue;
    if (s instanceof RObject && v instanceof RObject) {
      if (!objectSubset(s, v)) return false;
    } else if (s instanceof RSet && v instanceof RSet) {
      if (!setSubset(s, v)) return false;
    } else if (Array.isArray(s) && Array.isArray(v)) {
      if (!arraySubset(s, v)) return false;
    } else return false;
  }
  return true;
}

export const objectBuiltins: BuiltinDef[] = [
  def("object.get", ["object", "any", "any"], "any", (args) => {
    const o = obj("object.get", args, 0);
    const k = args[1]!;
    if (!Array.isArray(k)) {
      const v = o.get(k);
      return v === undefined ? args[2]! : v;
    }
    let cur: Value = o;
    for (const step of k) {
      const next = child(cur, step);
      if (next === undefined) return args[2]!;
      cur = next;
    }
    return cur;
  }),
  def("object.union", ["object", "object"], "object", (args) => mergeObjects(obj("object.union", args, 0), obj("object.union", args, 1))),
  def("object.union_n", [{ arrayOf: "object" }], "object", (args) => {
    const xs = arr("object.union_n", args, 0);
    let out = new RObject();
    for (const x of xs) {
      if (!(x instanceof RObject)) throw elemErr("object.union_n", 1, xs, x, "object");
      out = mergeObjects(out, x);
    }
    return out;
  }),
  def("object.remove", ["object", anyOf("array", "set", "object")], "object", (args) => {
    const o = obj("object.remove", args, 0);
    const out = new RObject(o.entries());
    for (const k of keyList("object.remove", args, 1)) out.delete(k);
    return out;
  }),
  def("object.filter", ["object", anyOf("array", "set", "object")], "object", (args) => {
    const o = obj("object.filter", args, 0);
    const out = new RObject();
    for (const k of keyList("object.filter", args, 1)) {
      const v = o.get(k);
      if (v !== undefined) out.set(k, v);
    }
    return out;
  }),
  def("object.keys", ["object"], setOf("any"), (args) => new RSet(obj("object.keys", args, 0).keys())),
  def("object.subset", [anyOf("object", "set", "array"), anyOf("object", "set", "array")], "boolean", (args) => {
    const sup = args[0]!;
    const sub = args[1]!;
    if (sup instanceof RObject && sub instanceof RObject) return objectSubset(sup, sub);
    if (sup instanceof RSet && sub instanceof RSet) return setSubset(sup, sub);
    if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup, sub);
    if (Array.isArray(sup) && sub instanceof RSet) return arraySetSubset(sup, sub);
    throw new BuiltinError("object.subset: both arguments object.subset must be of the same type or array and set", "eval_type_error");
  }),
];
