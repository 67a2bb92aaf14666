// Deterministic JSON (Terraform `.tfvars.json`, reports): 2-space indent, keys in code-unit order
// (or the caller's known-key order, as for YAML), one trailing newline. Serialised by hand because
// JSON.stringify always puts integer-like keys ("2", "10") first, whatever order we build.
import { isPlainObject, orderedEntries, type KeyOrder } from "./ordered-keys.js";

export interface JsonOptions {
  keyOrder?: KeyOrder;
}

function write(value: unknown, path: string[], indent: string, keyOrder: KeyOrder | undefined, ancestors: Set<object>): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "number") {
    // JSON.stringify would silently write null: a compiler should fail instead.
    if (!Number.isFinite(value)) throw new TypeError(`toJson: ${value} at ${pathText(path)} has no JSON form`);
    return JSON.stringify(value);
  }
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) throw new TypeError(`toJson: cannot write ${typeof value} at ${pathText(path)}`);
  if (ancestors.has(value)) throw new TypeError(`toJson: circular reference at ${pathText(path)}`);
  ancestors.add(value);
  const inner = indent + "  ";
  const parts = isArray
    ? (value as unknown[]).map((item, i) => inner + write(item, [...path, String(i)], inner, keyOrder, ancestors))
    : orderedEntries(value, path, keyOrder).map(
        ([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, [...path, k], inner, keyOrder, ancestors)}`,
      );
  ancestors.delete(value);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  return parts.length ? `${open}\n${parts.join(",\n")}\n${indent}${close}` : open + close;
}

function pathText(path: string[]): string {
  return path.length ? path.join(".") : "the root";
}

/** `value` as indented JSON with one trailing newline; `undefined` object values are dropped. */
export function toJson(value: unknown, opts: JsonOptions = {}): string {
  if (value === undefined) throw new TypeError("toJson: the value is undefined");
  return write(value, [], "", opts.keyOrder, new Set()) + "\n";
}
