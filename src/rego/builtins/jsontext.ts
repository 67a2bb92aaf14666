// A JSON reader producing Values directly, so integers of any size stay exact (JSON.parse would round them),
// with error messages in the style of Go's encoding/json.
import { RObject, num, type Value } from "../value.js";

export class JSONSyntaxError extends Error {}

export function parseJSONValue(text: string): Value {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const err = (what: string): never => {
    if (i >= text.length) throw new JSONSyntaxError("unexpected end of JSON input");
    throw new JSONSyntaxError(`invalid character ${quoteChar(text[i]!)} ${what}`);
  };
  const value = (): Value => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const o = new RObject();
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') err("looking for beginning of object key string");
        const k = string();
        ws();
        if (text[i] !== ":") err("after object key");
        i++;
        o.set(k, value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return o;
        }
        err("after object key:value pair");
      }
    }
    if (c === "[") {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return a;
        }
        err("after array element");
      }
    }
    if (c === '"') return string();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return err("looking for beginning of value");
    i += m[0].length;
    if (m[2] === undefined && m[3] === undefined) return num(BigInt(m[0]));
    const f = Number(m[0]);
    return Object.is(f, -0) ? 0 : f;
  };
  const string = (): string => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) throw new JSONSyntaxError("unexpected end of JSON input");
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c < " ") err("in string literal");
      if (c === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        i++;
        err("in string escape code");
      }
      out += c;
      i++;
    }
    void start;
  };
  const v = value();
  ws();
  if (i < text.length) err("after top-level value");
  return v;
}

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c < " ") return `'\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}
