// json.patch: RFC 6902 operations over immutable Values (containers are copied along the changed path).
// A failing operation throws; the builtin turns that into an undefined result.
import { RObject, RSet, equal, type Value } from "../value.js";

function pointer(p: Value): Value[] {
  if (Array.isArray(p)) return p;
  if (typeof p !== "string") throw new Error("invalid path");
  if (p === "") return [];
  // As OPA: leading slashes are optional (and several collapse), then "/" separates segments.
  return p
    .replace(/^\/+/, "")
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function getAt(v: Value, path: Value[]): Value | undefined {
  let cur: Value | undefined = v;
  for (const s of path) {
    if (cur instanceof RObject) cur = cur.get(s);
    else if (Array.isArray(cur)) {
      const i = Number(s);
      cur = Number.isInteger(i) && i >= 0 && i < cur.length && String(s) === String(i) ? cur[i] : undefined;
    } else if (cur instanceof RSet) cur = cur.has(s) ? s : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Apply `op` at the end of `path`, copying the containers on the way. */
function update(v: Value, path: Value[], op: (parent: Value, last: Value) => Value): Value {
  if (path.length === 0) throw new Error("empty path");
  if (path.length === 1) return op(v, path[0]!);
  const [head, ...rest] = path;
  if (v instanceof RObject) {
    const child = v.get(head!);
    if (child === undefined) throw new Error("path not found");
    const out = new RObject(v.entries());
    out.set(head!, update(child, rest, op));
    return out;
  }
  if (Array.isArray(v)) {
    const i = Number(head);
    if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new Error("path not found");
    const out = [...v];
    out[i] = update(v[i]!, rest, op);
    return out;
  }
  if (v instanceof RSet && v.has(head!)) {
    const out = new RSet([...v].filter((x) => !equal(x, head!)));
    out.add(update(head!, rest, op));
    return out;
  }
  throw new Error("path not found");
}

function addAt(v: Value, path: Value[], val: Value): Value {
  if (path.length === 0) return val;
  return update(v, path, (parent, last) => {
    if (parent instanceof RObject) {
      const out = new RObject(parent.entries());
      out.set(last, val);
      return out;
    }
    if (Array.isArray(parent)) {
      const i = last === "-" ? parent.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new Error("index out of range");
      return [...parent.slice(0, i), val, ...parent.slice(i)];
    }
    if (parent instanceof RSet) {
      const out = new RSet(parent);
      out.add(val);
      return out;
    }
    throw new Error("path not found");
  });
}

function removeAt(v: Value, path: Value[]): Value {
  return update(v, path, (parent, last) => {
    if (parent instanceof RObject) {
      if (!parent.has(last)) throw new Error("path not found");
      const out = new RObject(parent.entries());
      out.delete(last);
      return out;
    }
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw new Error("index out of range");
      return [...parent.slice(0, i), ...parent.slice(i + 1)];
    }
    if (parent instanceof RSet) {
      if (!parent.has(last)) throw new Error("path not found");
      const out = new RSet(parent);
      out.delete(last);
      return out;
    }
    throw new Error("path not found");
  });
}

export function applyPatch(doc: Value, ops: Value[]): Value | undefined {
  let cur = doc;
  for (const o of ops) {
    if (!(o instanceof RObject)) return undefined;
    const op = o.get("op");
    const path = pointer(o.get("path") ?? null);
    switch (op) {
      case "add":
        cur = addAt(cur, path, o.get("value") ?? null);
        break;
      case "remove":
        cur = removeAt(cur, path);
        break;
      case "replace":
        if (getAt(cur, path) === undefined) return undefined;
        cur = path.length === 0 ? (o.get("value") ?? null) : addAt(removeAt(cur, path), path, o.get("value") ?? null);
        break;
      case "move": {
        const from = pointer(o.get("from") ?? null);
        const val = getAt(cur, from);
        if (val === undefined) return undefined;
        cur = addAt(removeAt(cur, from), path, val);
        break;
      }
      case "copy": {
        const val = getAt(cur, pointer(o.get("from") ?? null));
        if (val === undefined) return undefined;
        cur = addAt(cur, path, val);
        break;
      }
      case "test": {
        const val = getAt(cur, path);
        if (val === undefined || !equal(val, o.get("value") ?? null)) return undefined;
        break;
      }
      default:
        return undefined;
    }
  }
  return cur;
}
