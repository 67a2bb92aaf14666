/** sprig encoding, hashing, JSON and YAML functions (pure, browser-safe). */
import { stringify } from "yaml";
import { BudgetError, checkSize, MAX_VALUE_DEPTH } from "../budget.js";
import { def, type FuncDef } from "../funcs.js";
import { formatFloat } from "../format.js";
import { adler32, sha1, sha256, toHex } from "../../hash/digests.js";
import { utf8Decode, utf8Encode } from "../strings-go.js";
import { kindOf, sortedKeys } from "../values.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? B64[n & 63]! : "=";
  }
  return out;
}

/** base64.StdEncoding.DecodeString; throws Go's CorruptInputError text. */
export function base64Decode(s: string): Uint8Array {
  const out: number[] = [];
  let acc = 0, bits = 0, i = 0;
  // Go ignores \r and \n in input.
  const chars = s.replace(/[\r\n]/g, "");
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "=") break;
    const v = B64.indexOf(c);
    if (v < 0) throw new Error(`illegal base64 data at input byte ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  const padStart = i;
  const pads = chars.length - padStart;
  if ((padStart + pads) % 4 !== 0 || pads > 2 || /[^=]/.test(chars.slice(padStart)) || (pads > 0 && padStart % 4 < 2)) {
    throw new Error(`illegal base64 data at input byte ${Math.min(padStart, chars.length)}`);
  }
  return Uint8Array.from(out);
}

function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let acc = 0, bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

function base32Decode(s: string): Uint8Array {
  const out: number[] = [];
  let acc = 0, bits = 0;
  const body = s.replace(/[\r\n]/g, "");
  if (body.length % 8 !== 0) throw new Error(`illegal base32 data at input byte ${body.length - (body.length % 8)}`);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "=") break;
    const v = B32.indexOf(c);
    if (v < 0) throw new Error(`illegal base32 data at input byte ${i}`);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

/** encoding/json string escaping (HTML-safe unless `raw`, like SetEscapeHTML(false)). */
function jsonString(s: string, raw: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20) out += "\\u" + cp.toString(16).padStart(4, "0");
    else if (!raw && (ch === "<" || ch === ">" || ch === "&")) out += "\\u00" + cp.toString(16);
    else if (cp === 0x2028 || cp === 0x2029) out += "\\u" + cp.toString(16);
    else if (cp >= 0xd800 && cp < 0xe000) out += "\ufffd";
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${formatFloat(n, "g", -1)}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  // encoding/json: 'f' format unless the exponent is < -6 or >= 21, then 'e' with a short exponent.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return formatFloat(n, "e", -1).replace(/e([+-])0(\d)$/, "e$1$2");
  }
  return formatFloat(n, "f", -1);
}

/** json.Marshal / MarshalIndent(v, "", indent): map keys sorted. */
export function toJson(v: unknown, raw: boolean, indent: string, level = 0): string {
  const out: string[] = [];
  let size = 0;
  const sink = (s: string): void => {
    size += s.length;
    checkSize(size, "toJson");
    out.push(s);
  };
  writeJson(v, raw, indent, level, sink);
  return out.join("");
}

/** Streams JSON text into `sink` (which enforces the size budget) with a depth cap. */
function writeJson(v: unknown, raw: boolean, indent: string, level: number, sink: (s: string) => void): void {
  if (level > MAX_VALUE_DEPTH) throw new BudgetError(`toJson: value nested too deeply (more than ${MAX_VALUE_DEPTH} levels)`);
  const nl = indent ? "\n" + indent.repeat(level + 1) : "";
  const close = indent ? "\n" + indent.repeat(level) : "";
  const sep = indent ? ": " : ":";
  switch (kindOf(v)) {
    case "invalid":
    case "nil": return sink("null");
    case "bool": return sink(String(v));
    case "int":
    case "float": return sink(jsonNumber(Number(v)));
    case "string": return sink(jsonString(v as string, raw));
    case "slice": {
      if (v instanceof Uint8Array) return sink('"' + base64Encode(v) + '"');
      const arr = v as unknown[];
      if (arr.length === 0) return sink("[]");
      sink("[");
      arr.forEach((e, i) => {
        sink((i ? "," : "") + nl);
        writeJson(e, raw, indent, level + 1, sink);
      });
      return sink(close + "]");
    }
    case "map": {
      const m = v as Record<string, unknown>;
      const ks = sortedKeys(m);
      if (ks.length === 0) return sink("{}");
      sink("{");
      ks.forEach((k, i) => {
        sink((i ? "," : "") + nl + jsonString(k, raw) + sep);
        writeJson(m[k], raw, indent, level + 1, sink);
      });
      return sink(close + "}");
    }
    default:
      if (v instanceof Date) return sink(jsonString(v.toISOString(), raw));
      throw new Error(`json: unsupported type: ${typeof v}`);
  }
}

/** sigs.k8s.io/yaml-like output: sorted keys, block style, sequences not indented. */
export function toYaml(v: unknown): string {
  const norm = JSON.parse(toJson(v, true, "")) as unknown;
  // YAML 1.1 rules quote "yes"/"on"-like strings, as yaml.v2 (behind sigs.k8s.io/yaml) does.
  const s = stringify(norm, { sortMapEntries: true, indentSeq: false, lineWidth: 0, version: "1.1" });
  return s.replace(/\n$/, "");
}

function b64dec(s: string): string {
  try {
    return utf8Decode(base64Decode(s));
  } catch (e) {
    return (e as Error).message; // sprig returns the error text instead of failing
  }
}

export const ENCODING_FUNCS: Record<string, FuncDef> = {
  b64enc: def(["string"], (s) => base64Encode(utf8Encode(s as string))),
  b64dec: def(["string"], (s) => b64dec(s as string)),
  b32enc: def(["string"], (s) => base32Encode(utf8Encode(s as string))),
  b32dec: def(["string"], (s) => {
    try {
      return utf8Decode(base32Decode(s as string));
    } catch (e) {
      return (e as Error).message;
    }
  }),
  sha256sum: def(["string"], (s) => toHex(sha256(utf8Encode(s as string)))),
  sha1sum: def(["string"], (s) => toHex(sha1(utf8Encode(s as string)))),
  adler32sum: def(["string"], (s) => String(adler32(utf8Encode(s as string)))),
  toJson: def(["any"], (v) => {
    try {
      return toJson(v, false, "");
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      return "";
    }
  }),
  mustToJson: def(["any"], (v) => toJson(v, false, "")),
  toRawJson: def(["any"], (v) => {
    try {
      return toJson(v, true, "");
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      return "";
    }
  }),
  mustToRawJson: def(["any"], (v) => toJson(v, true, "")),
  toPrettyJson: def(["any"], (v) => {
    try {
      return toJson(v, false, "  ");
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      return "";
    }
  }),
  mustToPrettyJson: def(["any"], (v) => toJson(v, false, "  ")),
  fromJson: def(["string"], (s) => {
    try {
      return JSON.parse(s as string) as unknown;
    } catch {
      return null;
    }
  }),
  mustFromJson: def(["string"], (s) => {
    try {
      return JSON.parse(s as string) as unknown;
    } catch (e) {
      throw new Error((e as Error).message);
    }
  }),
  toYaml: def(["any"], (v) => {
    try {
      return toYaml(v);
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      return "";
    }
  }),
};
