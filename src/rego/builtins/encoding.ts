// Encodings: yaml, base64, base64url, hex, urlquery.
import { Document, Scalar, parseAllDocuments, visit } from "yaml";
import { RObject, RSet, fromJSON, toJSON, type Value } from "../value.js";
import { def, fail, obj, operandErr, str } from "./args.js";
import { marshal } from "./json.js";
import { base64Decode, base64Encode, fromUtf8, hexEncode, utf8 } from "./bytes.js";
import { UTC, toCivil } from "./civil.js";
import { RFC3339Nano, formatLayout } from "./golayout.js";
import type { BuiltinDef } from "./types.js";

function yamlLoad(name: string, s: string): Value {
  try {
    // YAML 1.1, as Go's yaml.v2 reads it ("yes"/"on" are booleans, merge keys work).
    const docs = parseAllDocuments(s, { version: "1.1", intAsBigInt: true, merge: true, uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const d of list) if (d.errors.length > 0) throw d.errors[0];
    // Go's yaml unmarshal reads the first document only.
    const j = list.length === 0 ? null : list[0]!.toJS({ mapAsMap: false });
    return fromJSON(normaliseYaml(j));
  } catch (e) {
    throw fail(name, (e as Error).message.split("\n")[0]!);
  }
}

/** YAML → JSON as sigs.k8s.io/yaml does: non-string keys become their text, dates become strings. */
function normaliseYaml(j: unknown): unknown {
  // Timestamps come back as Go's time.Time marshals: RFC 3339 with trimmed fractional seconds.
  if (j instanceof Date) return formatLayout(toCivil(BigInt(j.getTime()) * 1000000n, UTC), RFC3339Nano);
  if (Array.isArray(j)) return j.map(normaliseYaml);
  if (j instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of j) o[String(k)] = normaliseYaml(v);
    return o;
  }
  if (j !== null && typeof j === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(j)) o[k] = normaliseYaml(v);
    return o;
  }
  return j;
}

/** Strings a YAML 1.1 reader (Go's yaml.v2) would take for another type: Go double-quotes these. */
function ambiguous(s: string): boolean {
  return (
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|)$/.test(s) ||
    /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s) ||
    /^[-+]?0b[01_]+$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?0o?[0-7_]+$/.test(s) ||
    /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/.test(s) ||
    /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)
  );
}

/** YAML text as sigs.k8s.io/yaml (go-yaml v2) writes it: sorted keys, unindented sequences, no line folding,
 * double quotes for type-ambiguous strings and single quotes where plain style is impossible. */
export function yamlMarshal(v: Value): string {
  const doc = new Document(toJSON(v), { sortMapEntries: true });
  visit(doc, {
    Scalar(_k, node: Scalar) {
      if (typeof node.value === "string" && !node.value.includes("\n") && ambiguous(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Go's url.QueryUnescape. */
export function queryUnescape(name: string, s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === "%") {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw fail(name, `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(h, 16));
      i += 3;
    } else if (c === "+") {
      bytes.push(0x20);
      i++;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...utf8(ch));
      i += ch.length;
    }
  }
  return fromUtf8(Uint8Array.from(bytes));
}

export const encodingBuiltins: BuiltinDef[] = [
  def("yaml.marshal", ["any"], "string", (args) => yamlMarshal(args[0]!)),
  def("yaml.unmarshal", ["string"], "any", (args) => yamlLoad("yaml.unmarshal", str("yaml.unmarshal", args, 0))),
  def("yaml.is_valid", ["string"], "boolean", (args) => {
    const s = args[0]!;
    if (typeof s !== "string") return false;
    try {
      yamlLoad("yaml.is_valid", s);
      return true;
    } catch {
      return false;
    }
  }),
  def("base64.encode", ["string"], "string", (args) => base64Encode(utf8(str("base64.encode", args, 0)))),
  def("base64.decode", ["string"], "string", (args) => {
    const b = base64Decode(str("base64.decode", args, 0));
    if (!b) throw fail("base64.decode", "illegal base64 data at input byte 0");
    return fromUtf8(b);
  }),
  def("base64.is_valid", ["string"], "boolean", (args) => {
    const s = args[0]!;
    return typeof s === "string" && base64Decode(s) !== undefined;
  }),
  def("base64url.encode", ["string"], "string", (args) => base64Encode(utf8(str("base64url.encode", args, 0)), true)),
  def("base64url.encode_no_pad", ["string"], "string", (args) =>
    base64Encode(utf8(str("base64url.encode_no_pad", args, 0)), true, false),
  ),
  def("base64url.decode", ["string"], "string", (args) => {
    let s = str("base64url.decode", args, 0);
    // Restore omitted padding (RFC 7515 appendix C), as OPA does.
    if (!s.endsWith("=")) {
      if (s.length % 4 === 1) throw fail("base64url.decode", `illegal base64url string: ${s}`);
      s += "=".repeat((4 - (s.length % 4)) % 4);
    }
    const b = base64Decode(s, true, true);
    if (!b) throw fail("base64url.decode", "illegal base64 data at input byte 0");
    return fromUtf8(b);
  }),
  def("hex.encode", ["string"], "string", (args) => hexEncode(utf8(str("hex.encode", args, 0)))),
  def("hex.decode", ["string"], "string", (args) => {
    const s = str("hex.decode", args, 0);
    const out: number[] = [];
    for (let i = 0; i < s.length; i += 2) {
      for (const c of s.slice(i, i + 2))
        if (!/[0-9a-fA-F]/.test(c)) throw fail("hex.decode", `encoding/hex: invalid byte: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(c).replace(/^"|"$/g, "'")}`);
      if (i + 1 >= s.length) throw fail("hex.decode", "encoding/hex: odd length hex string");
      out.push(parseInt(s.slice(i, i + 2), 16));
    }
    return fromUtf8(Uint8Array.from(out));
  }),
  def("urlquery.encode", ["string"], "string", (args) => queryEscape(str("urlquery.encode", args, 0))),
  def("urlquery.decode", ["string"], "string", (args) => queryUnescape("urlquery.decode", str("urlquery.decode", args, 0))),
  def("urlquery.encode_object", [{ objectOf: ["string", { anyOf: ["string", { arrayOf: "string" }, { setOf: "string" }] }] }], "string", (args) => {
    const o = obj("urlquery.encode_object", args, 0);
    const parts: string[] = [];
    const bad = () => operandErr("urlquery.encode_object", 1, "values must be string, array[string], or set[string]");
    for (const [k, v] of o.sortedEntries()) {
      const key = typeof k === "string" ? k : marshal(k);
      const vals = typeof v === "string" ? [v] : Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
      if (!vals) throw bad();
      for (const x of vals) {
        if (typeof x !== "string") throw bad();
        parts.push(queryEscape(key) + "=" + queryEscape(x));
      }
    }
    return parts.join("&");
  }),
  def("urlquery.decode_object", ["string"], { objectOf: ["string", { arrayOf: "string" }] }, (args) => {
    const s = str("urlquery.decode_object", args, 0);
    const out = new RObject();
    for (const part of s.split("&")) {
      if (part === "") continue;
      if (part.includes(";")) throw fail("urlquery.decode_object", "invalid semicolon separator in query");
      const eq = part.indexOf("=");
      const k = queryUnescape("urlquery.decode_object", eq < 0 ? part : part.slice(0, eq));
      const v = queryUnescape("urlquery.decode_object", eq < 0 ? "" : part.slice(eq + 1));
      const prev = out.get(k);
      out.set(k, Array.isArray(prev) ? [...prev, v] : [v]);
    }
    return out;
  }),
];

