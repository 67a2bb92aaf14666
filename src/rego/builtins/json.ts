// JSON builtins: marshal (Go encoding/json style: sorted keys, HTML-safe escapes), unmarshal (exact integers),
// is_valid, filter, remove, patch.
import { RObject, RSet, equal, numberText, type Value } from "../value.js";
import { anyOf, def, fail, obj, str, typeErr } from "./args.js";
import { JSONSyntaxError, parseJSONValue } from "./jsontext.js";
import { BuiltinError, type BuiltinDef } from "./types.js";

/** Go's encoding/json string escaping, including its HTML-safe \u003c \u003e \u0026 and line separators. */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029)
      out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** JSON text of a Value; with `indent` set, laid out as Go's json.MarshalIndent(prefix, indent). */
export function marshal(v: Value, indent?: string, prefix = ""): string {
  const nl = (depth: number) => (indent === undefined ? "" : "\n" + prefix + indent.repeat(depth));
  const colon = indent === undefined ? ":" : ": ";
  const go = (x: Value, depth: number): string => {
    if (x === null) return "null";
    switch (typeof x) {
      case "string":
        return goJSONString(x);
      case "boolean":
        return x ? "true" : "false";
      case "number":
      case "bigint":
        return numberText(x);
    }
    const items: string[] =
      x instanceof RObject
        ? x.sortedEntries().map(([k, val]) => goJSONString(typeof k === "string" ? k : marshal(k)) + colon + go(val, depth + 1))
        : (Array.isArray(x) ? x : x.sorted()).map((e) => go(e, depth + 1));
    const [open, close] = x instanceof RObject ? ["{", "}"] : ["[", "]"];
    if (items.length === 0) return open + close;
    return open + items.map((s) => nl(depth + 1) + s).join(",") + nl(depth) + close;
  };
  return go(v, 0);
}

export function unmarshal(name: string, text: string): Value {
  try {
    return parseJSONValue(text);
  } catch (e) {
    if (e instanceof JSONSyntaxError) throw fail(name, e.message);
    throw e;
  }
}

type Trie = Map<string, Trie> & { end?: boolean };

/** Segment text used to match object keys and array indices. */
function segText(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return numberText(v);
  return marshal(v);
}

/** Paths as "a/b/c" strings or arrays of segments, in a set or an array; OPA's messages on bad shapes. */
function pathTrie(name: string, paths: Value): Trie {
  if (!(paths instanceof RSet) && !Array.isArray(paths)) throw typeErr(name, 2, ["set", "array"], paths);
  const root: Trie = new Map();
  for (const p of paths instanceof RSet ? paths.sorted() : paths) {
    let segs: string[];
    if (typeof p === "string") segs = p.replace(/^\/+/, "").split("/").filter((s, i, a) => s !== "" || a.length > 1 || i > 0);
    else if (Array.isArray(p)) segs = p.map(segText);
    else
      throw new BuiltinError(
        `${name}: operand 2 must be one of {set, array} containing string paths or array of path segments but got ${p instanceof RObject ? "object" : p instanceof RSet ? "set" : p === null ? "null" : typeof p === "bigint" ? "number" : typeof p}`,
        "eval_type_error",
      );
    let node = root;
    for (const s of segs) {
      let next = node.get(s);
      if (!next) node.set(s, (next = new Map()));
      node = next;
    }
    node.end = true;
  }
  return root;
}

function filterBy(v: Value, t: Trie): Value | undefined {
  if (t.end) return v;
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.sortedEntries()) {
      const c = t.get(segText(k));
      if (!c) continue;
      const f = filterBy(x, c);
      if (f !== undefined) out.set(k, f);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const c = t.get(String(i));
      if (!c) return;
      const f = filterBy(x, c);
      if (f !== undefined) out.push(f);
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v.sorted()) {
      const c = t.get(segText(x));
      if (c) {
        const f = filterBy(x, c);
        if (f !== undefined) out.add(f);
      }
    }
    return out;
  }
  return undefined;
}

function removeBy(v: Value, t: Trie): Value | undefined {
  if (t.end) return undefined;
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const c = t.get(segText(k));
      if (!c) out.set(k, x);
      else {
        const r = removeBy(x, c);
        if (r !== undefined) out.set(k, r);
      }
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const c = t.get(String(i));
      if (!c) out.push(x);
      else {
        const r = removeBy(x, c);
        if (r !== undefined) out.push(r);
      }
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const c = t.get(segText(x));
      if (!c) out.add(x);
      else {
        const r = removeBy(x, c);
        if (r !== undefined) out.add(r);
      }
    }
    return out;
  }
  return v;
}

// ---- json.patch (RFC 6902) over immutable Values ----

function pointer(p: Value): Value[] {
  if (Array.isArray(p)) return p;
  if (typeof p !== "string") throw new Error("invalid path");
  if (p === "") return [];
  if (!p.startsWith("/")) throw new Error("invalid path");
  return p
    .slice(1)
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

function applyPatch(doc: Value, ops: Value[]): Value | undefined {
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

export const jsonBuiltins: BuiltinDef[] = [
  def("json.marshal", ["any"], "string", (args) => marshal(args[0]!)),
  def("json.marshal_with_options", ["any", "object"], "string", (args) => {
    const opts = obj("json.marshal_with_options", args, 1);
    let pretty: boolean | undefined;
    let indent: string | undefined;
    let prefix: string | undefined;
    for (const [k, v] of opts) {
      if (k === "pretty" && typeof v === "boolean") pretty = v;
      else if (k === "indent" && typeof v === "string") indent = v;
      else if (k === "prefix" && typeof v === "string") prefix = v;
      else if (k === "pretty" || k === "indent" || k === "prefix")
        throw fail("json.marshal_with_options", `"${k}" option has the wrong type`);
      else throw fail("json.marshal_with_options", `object operand must only contain keys "pretty", "indent", "prefix"`);
    }
    if (pretty === undefined) pretty = indent !== undefined || prefix !== undefined;
    if (!pretty) return marshal(args[0]!);
    return marshal(args[0]!, indent ?? "\t", prefix ?? "");
  }),
  def("json.unmarshal", ["string"], "any", (args) => unmarshal("json.unmarshal", str("json.unmarshal", args, 0))),
  def("json.is_valid", ["string"], "boolean", (args) => {
    const s = args[0]!;
    if (typeof s !== "string") return false;
    try {
      parseJSONValue(s);
      return true;
    } catch {
      return false;
    }
  }),
  def("json.filter", ["object", anyOf("array", "set")], "any", (args) => {
    const o = obj("json.filter", args, 0);
    const t = pathTrie("json.filter", args[1]!);
    return filterBy(o, t) ?? new RObject();
  }),
  def("json.remove", ["object", anyOf("array", "set")], "any", (args) => {
    const o = obj("json.remove", args, 0);
    const t = pathTrie("json.remove", args[1]!);
    return removeBy(o, t) ?? new RObject();
  }),
  def("json.patch", ["any", { arrayOf: "object" }], "any", (args) => {
    const ops = args[1]!;
    if (!Array.isArray(ops)) throw typeErr("json.patch", 2, ["array"], ops);
    try {
      return applyPatch(args[0]!, ops);
    } catch {
      return undefined;
    }
  }),
];
