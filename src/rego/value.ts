// Rego values, shared by the evaluator and the builtins.
//
// Representation (chosen for speed on the hot path — most policy data is small strings and objects):
//   null, boolean, string  → the JS primitive
//   number                 → JS `number` for floats and safe integers, `bigint` for integers beyond 2^53
//                            (OPA keeps integers exact; we do the same without paying for bigint everywhere)
//   array                  → a JS array of Value (treat as immutable once built)
//   set                    → RSet   (members keyed by their canonical key)
//   object                 → RObject (keys may be any Value, as in Rego; keyed by canonical key)
//
// Nothing here depends on Node: the engine must also run in the language server and a browser.

export type Value = null | boolean | number | bigint | string | Value[] | RSet | RObject;

export type TypeName = "null" | "boolean" | "number" | "string" | "array" | "object" | "set";

/**
 * Key of a set member or object key in the sets' and objects' maps. Most keys are strings, and a string is
 * its own key (no new string per lookup); any other Value is its canonical key behind a NUL, and a string
 * that itself starts with NUL gets one more, so two different Values never share a map key.
 */
export function mapKey(v: Value): string {
  if (typeof v === "string") return v.charCodeAt(0) === 0 ? "\u0000" + v : v;
  return "\u0000" + key(v);
}

/** A set of Values, iterated in insertion order; use `sorted()` where OPA's order matters. */
export class RSet {
  readonly map = new Map<string, Value>();
  /** Members in canonical order and the canonical key, computed on first use and dropped on a change. */
  order: Value[] | undefined = undefined;
  canonical: string | undefined = undefined;
  constructor(items?: Iterable<Value>) {
    if (items) for (const v of items) this.add(v);
  }
  add(v: Value): void {
    const k = mapKey(v);
    if (!this.map.has(k)) {
      this.map.set(k, v);
      this.order = this.canonical = undefined;
    }
  }
  has(v: Value): boolean {
    return this.map.has(mapKey(v));
  }
  delete(v: Value): boolean {
    this.order = this.canonical = undefined;
    return this.map.delete(mapKey(v));
  }
  get size(): number {
    return this.map.size;
  }
  values(): IterableIterator<Value> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<Value> {
    return this.map.values();
  }
  /** Members in OPA's canonical order. */
  sorted(): Value[] {
    return inOrder(this).slice();
  }
}

/** An object whose keys may be any Value. Iterates entries in insertion order; `sortedEntries()` for OPA order. */
export class RObject {
  readonly map = new Map<string, [Value, Value]>();
  /** Entries in canonical order and the canonical key, computed on first use and dropped on a change. */
  order: [Value, Value][] | undefined = undefined;
  canonical: string | undefined = undefined;
  constructor(entries?: Iterable<[Value, Value]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }
  set(k: Value, v: Value): void {
    this.map.set(mapKey(k), [k, v]);
    if (this.order !== undefined || this.canonical !== undefined) this.order = this.canonical = undefined;
  }
  get(k: Value): Value | undefined {
    const e = this.map.get(mapKey(k));
    return e === undefined ? undefined : e[1];
  }
  has(k: Value): boolean {
    return this.map.has(mapKey(k));
  }
  delete(k: Value): boolean {
    this.order = this.canonical = undefined;
    return this.map.delete(mapKey(k));
  }
  get size(): number {
    return this.map.size;
  }
  keys(): Value[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  values(): Value[] {
    return [...this.map.values()].map((e) => e[1]);
  }
  entries(): IterableIterator<[Value, Value]> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[Value, Value]> {
    return this.map.values();
  }
  /** Entries ordered by key in OPA's canonical order. */
  sortedEntries(): [Value, Value][] {
    return entriesInOrder(this).slice();
  }
}

/** A set's members in canonical order, shared (callers here only read it). */
function inOrder(s: RSet): Value[] {
  return (s.order ??= [...s.map.values()].sort(compare));
}

/** An object's entries in canonical key order, shared (callers here only read it). */
function entriesInOrder(o: RObject): [Value, Value][] {
  return (o.order ??= [...o.map.values()].sort((a, b) => compare(a[0], b[0])));
}

export function isNumber(v: Value | undefined): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}
export function isArray(v: Value | undefined): v is Value[] {
  return Array.isArray(v);
}
export function isSet(v: Value | undefined): v is RSet {
  return v instanceof RSet;
}
export function isObject(v: Value | undefined): v is RObject {
  return v instanceof RObject;
}

export function typeName(v: Value): TypeName {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof RSet) return "set";
  return "object";
}

/** Normalise a number: integral bigints that fit exactly become JS numbers. */
export function num(n: number | bigint): number | bigint {
  if (typeof n === "bigint" && n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(n);
  }
  return n;
}

/** Canonical text of a number, as OPA prints it in JSON (integers without exponent where exact). */
export function numberText(n: number | bigint): string {
  if (typeof n === "bigint") return n.toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

const typeOrder: Record<TypeName, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 6, object: 7, set: 8 };

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  // Mixed: compare a bigint with a number without losing precision on the integer side.
  if (typeof a === "bigint") return -compareNumbers(b, a);
  const n = a as number;
  const big = b as bigint;
  if (!Number.isFinite(n)) return n > 0 ? 1 : -1;
  const fl = Math.floor(n);
  const bf = BigInt(fl);
  if (bf < big) return -1;
  if (bf > big) return 1;
  return n > fl ? 1 : 0;
}

/** Code-point comparison of strings (never locale-aware). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // JS `<` compares UTF-16 code units; OPA compares UTF-8 bytes, which orders like code points.
  const la = a.length;
  const lb = b.length;
  const n = Math.min(la, lb);
  // Skip the common prefix by code unit (results and messages share long prefixes), then compare by code
  // point from there. Step back one unit when the prefix ends on a high surrogate, so the code-point walk
  // starts where it would have been anyway and a pair is compared whole.
  let start = 0;
  while (start < n && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  if (start > 0) {
    const prev = a.charCodeAt(start - 1);
    if (prev >= 0xd800 && prev <= 0xdbff) start--;
  }
  for (let i = start; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** Total order over Values, matching OPA's `ast.Compare`. */
export function compare(a: Value, b: Value): number {
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return typeOrder[ta] - typeOrder[tb];
  switch (ta) {
    case "null":
      return 0;
    case "boolean":
      return a === b ? 0 : a ? 1 : -1;
    case "number":
      return compareNumbers(a as number | bigint, b as number | bigint);
    case "string":
      return compareStrings(a as string, b as string);
    case "array": {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case "set": {
      const x = inOrder(a as RSet);
      const y = inOrder(b as RSet);
      return compare(x, y);
    }
    case "object": {
      const x = entriesInOrder(a as RObject);
      const y = entriesInOrder(b as RObject);
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i]![0], y[i]![0]);
        if (c !== 0) return c;
        const d = compare(x[i]![1], y[i]![1]);
        if (d !== 0) return d;
      }
      return x.length - y.length;
    }
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === "string" || ta === "boolean" || a === null || b === null) return false;
  // Numbers of one representation are equal only when ===; a composite never equals a scalar. Only a
  // number against a bigint, or two composites, need their canonical keys.
  const tb = typeof b;
  if (ta === "number" || ta === "bigint") {
    if (tb === ta || (tb !== "number" && tb !== "bigint")) return false;
  } else if (tb !== "object") return false;
  return key(a) === key(b);
}

/**
 * Canonical key: equal Values have equal keys (1 and 1.0 included), different Values different keys.
 * Sets and objects are keyed independent of insertion order.
 */
export function key(v: Value): string {
  if (v === null) return "n";
  switch (typeof v) {
    case "string":
      return "s" + v;
    case "boolean":
      return v ? "T" : "F";
    case "number":
      return "#" + (Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v));
    case "bigint":
      return "#" + v.toString();
  }
  if (Array.isArray(v)) {
    let s = "[";
    for (const x of v) s += keyPart(x) + ",";
    return s + "]";
  }
  if (v instanceof RSet) {
    if (v.canonical === undefined) {
      const ks = [...v.map.keys()].sort();
      v.canonical = "{" + ks.map(escapeKey).join(",") + "}";
    }
    return v.canonical;
  }
  const o = v as RObject;
  if (o.canonical === undefined) {
    // Entries in map-key order: map keys are unique per key Value, so this order is canonical too, and
    // sorting the short keys costs less than building and sorting every "key:value" text first.
    const ks = [...o.map.keys()];
    if (ks.length > 1) ks.sort();
    let s = "<";
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      s += (i === 0 ? "" : ",") + escapeKey(k) + ":" + keyPart(o.map.get(k)![1]);
    }
    o.canonical = s + ">";
  }
  return o.canonical;
}

function keyPart(v: Value): string {
  return escapeKey(key(v));
}
function escapeKey(k: string): string {
  // Length-prefix so that nested keys cannot collide through their separators.
  return k.length + "|" + k;
}

/** Convert plain JSON (as parsed by JSON.parse or yaml) into a Value. Objects become RObject. */
export function fromJSON(j: unknown): Value {
  if (j === null || j === undefined) return null;
  switch (typeof j) {
    case "string":
    case "boolean":
      return j;
    case "number":
      return j;
    case "bigint":
      return num(j);
  }
  if (Array.isArray(j)) return j.map(fromJSON);
  if (j instanceof RSet || j instanceof RObject) return j;
  const o = new RObject();
  for (const k of Object.keys(j as object)) o.set(k, fromJSON((j as Record<string, unknown>)[k]));
  return o;
}

/**
 * Convert a Value to plain JSON. Sets become sorted arrays; object keys are stringified the way OPA does
 * when it serialises a non-string key (its JSON text). Entries are emitted in canonical key order.
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== "object") {
    if (typeof v === "bigint") return v; // caller decides how to print big integers
    return v;
  }
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RSet) return inOrder(v).map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, val] of entriesInOrder(v)) out[typeof k === "string" ? k : stringify(k)] = toJSON(val);
  return out;
}

/** JSON text of a Value in canonical order (sets as arrays), as OPA's `json.marshal` prints it. */
export function stringify(v: Value): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return numberText(v);
  }
  if (Array.isArray(v)) return "[" + v.map(stringify).join(",") + "]";
  if (v instanceof RSet) return "[" + inOrder(v).map(stringify).join(",") + "]";
  return (
    "{" +
    entriesInOrder(v as RObject)
      .map(([k, val]) => (typeof k === "string" ? JSON.stringify(k) : JSON.stringify(stringify(k))) + ":" + stringify(val))
      .join(",") +
    "}"
  );
}

/** Rego source text of a Value (sets as `{…}`, `set()` when empty), used by `sprintf("%v")` and errors. */
export function regoText(v: Value): string {
  if (v instanceof RSet) return v.size === 0 ? "set()" : "{" + inOrder(v).map(regoText).join(", ") + "}";
  if (Array.isArray(v)) return "[" + v.map(regoText).join(", ") + "]";
  if (v instanceof RObject)
    return "{" + entriesInOrder(v).map(([k, val]) => regoText(k) + ": " + regoText(val)).join(", ") + "}";
  return stringify(v);
}

/** Deep merge where `b` wins, recursing only where both sides hold objects (OPA's object.union, and how
 *  rule values merge into base documents). */
export function mergeObjects(a: RObject, b: RObject): RObject {
  const out = new RObject(a.entries());
  for (const [k, v] of b) {
    const old = out.get(k);
    out.set(k, old instanceof RObject && v instanceof RObject ? mergeObjects(old, v) : v);
  }
  return out;
}
