// Comparing results the way the corpora's harnesses do: sets may be written as arrays in any order.
import { compare, equal, key, stringify, RObject, RSet, type Value } from "../value.js";

/** Does actual `a` match expected `e`? Expected arrays match actual sets order-insensitively. */
export function matches(a: Value, e: Value): boolean {
  if (a instanceof RSet) {
    if (e instanceof RSet) return equal(a, e);
    if (!Array.isArray(e) || e.length !== a.size) return false;
    return sameMultiset([...a], e);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(e) || e.length !== a.length) return false;
    return a.every((x, i) => matches(x, e[i]!));
  }
  if (a instanceof RObject) {
    if (!(e instanceof RObject) || e.size !== a.size) return false;
    for (const [k, v] of a) {
      let ev = e.get(k);
      // YAML-written expectations can only have string keys: `7` for 7, "" for null (Regorus files).
      if (ev === undefined && typeof k !== "string") ev = e.get(stringify(k));
      if (ev === undefined && k === null) ev = e.get("");
      if (ev === undefined || !matches(v, ev)) return false;
    }
    return true;
  }
  return equal(a, e);
}

/** Order-insensitive list comparison, each actual element matched to a distinct expected one. */
export function sameMultiset(as: Value[], es: Value[]): boolean {
  if (as.length !== es.length) return false;
  const used = new Array<boolean>(es.length).fill(false);
  const sortedA = [...as].sort(compare);
  outer: for (const a of sortedA) {
    for (let i = 0; i < es.length; i++) {
      if (!used[i] && matches(a, es[i]!)) {
        used[i] = true;
        continue outer;
      }
    }
    return false;
  }
  return true;
}

export { key };
