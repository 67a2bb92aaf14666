// JSON builtins: marshal (Go encoding/json style: sorted keys, HTML-safe escapes), unmarshal (exact integers),
// is_valid, filter, remove, and patch (jsonpatch.ts).
import { RObject, RSet, key, numberText, typeName, type Value } from "../value.js";
import { anyOf, def, fail, obj, operandErr, str, typeErr } from "./args.js";
import { applyPatch } from "./jsonpatch.js";
import { JSONSyntaxError, parseJSONValue } from "./jsontext.js";
import type { BuiltinDef } from "./types.js";

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

/** Paths as a trie keyed by canonical value keys; `end` marks where a path stops (everything below it). */
type Trie = Map<string, Trie> & { end?: boolean };

/** Array elements are addressed by their index as a string ("0"), as OPA builds its path object. */
const indexKey = (i: number) => key(String(i));

/** Paths as "a/b/c" strings (JSON-pointer escapes ~0 ~1) or arrays of segments, in a set or an array. */
function pathTrie(name: string, paths: Value): Trie {
  if (!(paths instanceof RSet) && !Array.isArray(paths)) throw typeErr(name, 2, ["set", "array"], paths);
  const root: Trie = new Map();
  for (const p of paths instanceof RSet ? paths.sorted() : paths) {
    let segs: Value[];
    if (typeof p === "string") {
      // OPA ignores the empty path.
      if (p === "") continue;
      segs = p
        .replace(/^\/+/, "")
        .split("/")
        .map((x) => x.replaceAll("~1", "/").replaceAll("~0", "~"));
    } else if (Array.isArray(p)) {
      if (p.length === 0) continue;
      segs = p;
    } else throw operandErr(name, 2, `must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
    let node = root;
    for (const seg of segs) {
      if (node.end) break;
      const k = key(seg);
      let next = node.get(k);
      if (!next) node.set(k, (next = new Map()));
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
      const c = t.get(key(k));
      if (!c) continue;
      const f = filterBy(x, c);
      if (f !== undefined) out.set(k, f);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const c = t.get(indexKey(i));
      if (!c) return;
      const f = filterBy(x, c);
      if (f !== undefined) out.push(f);
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v.sorted()) {
      const c = t.get(key(x));
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
      const c = t.get(key(k));
      const r = c ? removeBy(x, c) : x;
      if (r !== undefined) out.set(k, r);
    }
    return out;
  }
  if (Array.isArray(v)) {
    // Removed elements close up, as in JSON Patch.
    const out: Value[] = [];
    v.forEach((x, i) => {
      const c = t.get(indexKey(i));
      const r = c ? removeBy(x, c) : x;
      if (r !== undefined) out.push(r);
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const c = t.get(key(x));
      const r = c ? removeBy(x, c) : x;
      if (r !== undefined) out.add(r);
    }
    return out;
  }
  return v;
}

export const jsonBuiltins: BuiltinDef[] = [
  def("json.marshal", ["any"], "string", (args) => marshal(args[0]!)),
  def("json.marshal_with_options", ["any", "object"], "string", (args) => {
    const name = "json.marshal_with_options";
    const opts = obj(name, args, 1);
    let pretty: boolean | undefined;
    let implicit = false;
    let indent = "\t";
    let prefix = "";
    for (const [k, v] of opts.sortedEntries()) {
      if (k === "prefix" || k === "indent") {
        if (typeof v !== "string") throw operandErr(name, 2, `key ${k} failed cast to string: operand must be string but got ${typeName(v)}`);
        if (k === "prefix") prefix = v;
        else indent = v;
        implicit = true;
      } else if (k === "pretty") {
        if (typeof v !== "boolean") throw operandErr(name, 2, `key ${k} failed cast to bool`);
        pretty = v;
      } else throw operandErr(name, 2, `object contained unknown key ${typeof k === "string" ? k : marshal(k)}`);
    }
    // Setting indent or prefix implies pretty printing unless "pretty" says otherwise.
    if (!(pretty ?? implicit)) return marshal(args[0]!);
    // Go's MarshalIndent leaves the first line unprefixed; OPA prepends the prefix there too.
    return prefix + marshal(args[0]!, indent, prefix);
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
