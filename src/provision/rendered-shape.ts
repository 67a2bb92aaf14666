// Reading a flat template's rendered YAML without parsing it (rendered-yaml.ts parses it otherwise).
//
// Most provisioner fields are literal YAML with value actions in scalars: `name: {{ .State.name }}`,
// `{{ .State.serviceName }}-data:`, `password: {{ .State.password | quote }}`, a line of a `|` block. Their
// YAML structure is the template's, whatever the values, as long as no value can change how the text
// lexes. So the template's texts are parsed once with a marker in place of each action (the skeleton),
// and each render builds its value from the skeleton and what the actions printed — when every printed
// value is one that provably keeps the structure and reads back as itself. Any other value (a space in a
// plain scalar, a newline, a quote in a quoted scalar, a plain scalar that would read as a number or
// `true`…) gives up for that render, and the caller parses the text as before.
//
// What a value may hold, by where its action sits:
// - a plain scalar: [A-Za-z0-9_./#-], non-empty, not starting with `#`, and the whole scalar starts with
//   [A-Za-z0-9_/.] but not `...` (no indicator, comment or document marker); the scalar is then a string,
//   or a canonical decimal integer (read as one); one that may be a core null, bool or other number gives up.
//   A scalar that is the action alone may also be "…" or '…' of printable ASCII with no quote or
//   backslash inside (what `quote`/`squote` print), read as the text between the quotes, or empty (null,
//   as a value only).
// - a one-line double-quoted scalar: printable ASCII without `"` or `\`; single-quoted: without `'`.
// - a `|` block: printable ASCII, non-empty, not starting with a space.
// Skeletons the builder does not handle (an action in a flow collection, a comment, a key that is not a
// scalar, a `>` block, a multi-line plain or quoted scalar, anchors, aliases, tags) are not compiled.
import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node as YamlNode } from "yaml";

/** Builds the value of one render from what its actions printed; throws GIVE_UP when it cannot. */
type Build = (holes: readonly string[]) => unknown;

export interface RenderedShape {
  /** The value `yaml.parse` gives the rendered text, or NOT_BUILT when the text must be parsed. */
  build(holes: readonly string[]): unknown;
}

export const NOT_BUILT: unique symbol = Symbol("not built");
const GIVE_UP = new Error("rendered value does not fit the skeleton");

const OPTIONS = { schema: "core", uniqueKeys: false } as const;
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKER = /\uE000(\d+)\uE001/g;

// `#` only after the first character: ` #` (a space before it) starts a comment.
const PLAIN_HOLE = /^[A-Za-z0-9_./-][A-Za-z0-9_./#-]*$/;
const PLAIN_START = /^[A-Za-z0-9_/.]/;
/** What a YAML 1.2 core number (int, 0o, 0x, float) can be written with: text with anything else is no number. */
const NOT_NUMERIC = /[^0-9a-fA-FoOxX.+-]/;
const INF_NAN = /^\.(?:inf|Inf|INF|nan|NaN|NAN)$/;
const DOUBLE_QUOTED_WHOLE = /^"([ !#-[\]-~]*)"$/;
const SINGLE_QUOTED_WHOLE = /^'([ -&(-~]*)'$/;
const DOUBLE_HOLE = /^[ !#-[\]-~]*$/;
const SINGLE_HOLE = /^[ -&(-~]*$/;
const BLOCK_HOLE = /^[!-~][ -~]*$/;
const NOT_STRINGS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);
const CANONICAL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

/** The shape of a flat template's output (texts around its actions), or undefined when it has none usable. */
export function compileRenderedShape(texts: readonly string[]): RenderedShape | undefined {
  if (texts.some((t) => t.includes(OPEN) || t.includes(CLOSE))) return undefined;
  const skeleton = texts.reduce((s, t, i) => (i === 0 ? t : `${s}${OPEN}${i - 1}${CLOSE}${t}`), "");
  const doc = parseDocument(skeleton, OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  const seen = new Set<number>();
  let build: Build;
  try {
    build = compileNode(doc.contents, doc, skeleton, seen, "value");
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  // Every action must sit in a scalar the builder fills (not in a comment, an anchor or a flow collection).
  if (seen.size !== texts.length - 1) return undefined;
  return {
    build(holes) {
      try {
        return build(holes);
      } catch (e) {
        if (e === GIVE_UP) return NOT_BUILT;
        throw e;
      }
    },
  };
}

function hasMarker(text: string): boolean {
  return text.includes(OPEN);
}

function compileNode(node: YamlNode | null, doc: Document, skeleton: string, seen: Set<number>, at: "key" | "value"): Build {
  if (node === null) return () => null;
  if (isAlias(node) || node.anchor || node.tag) throw GIVE_UP;
  const source = node.range ? skeleton.slice(node.range[0], node.range[1]) : "";
  if ((isMap(node) || isSeq(node)) && node.flow) {
    if (hasMarker(source)) throw GIVE_UP;
    return staticBuild(node.toJS(doc));
  }
  if (isMap(node)) {
    const entries = node.items.map((pair) => {
      if (!isScalar(pair.key)) throw GIVE_UP;
      const keySource = pair.key.range ? skeleton.slice(pair.key.range[0], pair.key.range[1]) : "";
      return {
        fixedKey: hasMarker(keySource) ? undefined : pair.key.toJS(doc),
        key: compileNode(pair.key, doc, skeleton, seen, "key"),
        value: compileNode(pair.value as YamlNode | null, doc, skeleton, seen, "value"),
      };
    });
    if (entries.every((e) => e.fixedKey !== undefined)) {
      // Keys without actions: every build copies one object holding them in order (a copy of one shape is
      // much cheaper than adding keys one by one), then sets the values.
      const base: Record<string, unknown> = {};
      const keyed = entries.map((e) => {
        const key = e.fixedKey === null ? "" : String(e.fixedKey);
        if (key === "__proto__" || key === "<<") throw GIVE_UP;
        base[key] = null;
        return { key, value: e.value };
      });
      return (holes) => {
        const out = { ...base };
        for (let i = 0; i < keyed.length; i++) out[keyed[i]!.key] = keyed[i]!.value(holes);
        return out;
      };
    }
    return (holes) => {
      const out: Record<string, unknown> = {};
      for (const e of entries) {
        const k = e.key(holes);
        const key = k === null ? "" : String(k);
        // yaml defines `__proto__` as an own key and would treat `<<` specially under other schemas.
        if (key === "__proto__" || key === "<<") throw GIVE_UP;
        out[key] = e.value(holes);
      }
      return out;
    };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => compileNode(item as YamlNode | null, doc, skeleton, seen, "value"));
    return (holes) => items.map((b) => b(holes));
  }
  if (!isScalar(node)) throw GIVE_UP;
  if (!hasMarker(source)) {
    const v = node.toJS(doc);
    if (at === "key" && (v === "__proto__" || v === "<<")) throw GIVE_UP;
    return staticBuild(v);
  }
  if (typeof node.value !== "string") throw GIVE_UP;
  const parts = splitMarkers(node.value, seen);
  const build = scalarBuild(node, source, parts, at);
  return at === "key" ? keyLengthChecked(build, source, parts) : build;
}

function scalarBuild(node: Scalar, source: string, parts: (string | number)[], at: "key" | "value"): Build {
  switch (node.type) {
    case Scalar.PLAIN:
      if (source.includes("\n") || source !== node.value) throw GIVE_UP;
      return plainBuild(parts, at);
    case Scalar.QUOTE_DOUBLE:
      if (source.includes("\n")) throw GIVE_UP;
      return joinBuild(parts, DOUBLE_HOLE);
    case Scalar.QUOTE_SINGLE:
      if (source.includes("\n")) throw GIVE_UP;
      return joinBuild(parts, SINGLE_HOLE);
    case Scalar.BLOCK_LITERAL:
      // A value at the start of a line could be read as a document marker or change the indentation.
      if (/(^|\n)\uE000/.test(source)) throw GIVE_UP;
      return joinBuild(parts, BLOCK_HOLE);
    default:
      throw GIVE_UP;
  }
}

/**
 * An implicit key is at most 1024 characters as written, or yaml refuses the text: a key whose written
 * length (its text outside the actions, quotes included, plus what they printed) passes 1000 gives up.
 */
function keyLengthChecked(build: Build, source: string, parts: (string | number)[]): Build {
  const holes = parts.filter((p): p is number => typeof p === "number");
  const staticLength = source.replace(MARKER, "").length;
  return (values) => {
    let length = staticLength;
    for (const i of holes) length += values[i]!.length;
    if (length > 1000) throw GIVE_UP;
    return build(values);
  };
}

/** The scalar's text split at its markers: texts at even places, hole indices at odd ones. */
function splitMarkers(value: string, seen: Set<number>): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of value.matchAll(MARKER)) {
    const i = Number(m[1]);
    if (seen.has(i)) throw GIVE_UP;
    seen.add(i);
    parts.push(value.slice(last, m.index), i);
    last = m.index! + m[0].length;
  }
  parts.push(value.slice(last));
  return parts;
}

function joinBuild(parts: (string | number)[], allowed: RegExp): Build {
  return (holes) => {
    let s = "";
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (typeof p === "string") s += p;
      else {
        const v = holes[p]!;
        if (!allowed.test(v)) throw GIVE_UP;
        s += v;
      }
    }
    return s;
  };
}

function plainBuild(parts: (string | number)[], at: "key" | "value"): Build {
  const whole = parts.length === 3 && parts[0] === "" && parts[2] === "";
  const join = joinBuild(parts, PLAIN_HOLE);
  return (holes) => {
    if (whole) {
      const v = holes[parts[1] as number]!;
      if (v === "") {
        if (at === "key") throw GIVE_UP;
        return null;
      }
      const c = v.charCodeAt(0);
      if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        const m = (c === 0x22 ? DOUBLE_QUOTED_WHOLE : SINGLE_QUOTED_WHOLE).exec(v);
        if (!m) throw GIVE_UP;
        return m[1];
      }
    }
    const text = join(holes) as string;
    if (!PLAIN_START.test(text) || text.startsWith("...") || (at === "key" && text.length > 1000)) throw GIVE_UP;
    const c = text.charCodeAt(0);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2e /* . */) {
      if (CANONICAL_INT.test(text)) return Number(text);
      if (NOT_NUMERIC.test(text) && !INF_NAN.test(text)) return text;
      throw GIVE_UP;
    }
    if (NOT_STRINGS.has(text)) throw GIVE_UP;
    return text;
  };
}

/** A value without actions: the same fresh data each render (callers may change what they get). */
function staticBuild(value: unknown): Build {
  if (value === null || typeof value !== "object") return () => value;
  if (Array.isArray(value)) {
    const items = value.map(staticBuild);
    return (holes) => items.map((b) => b(holes));
  }
  // Leaves are copied with the object; nested objects and arrays are built fresh.
  const base: Record<string, unknown> = {};
  const nested: { key: string; build: Build }[] = [];
  for (const k of Object.keys(value)) {
    if (k === "__proto__") throw GIVE_UP;
    const v = (value as Record<string, unknown>)[k];
    base[k] = v;
    if (v !== null && typeof v === "object") nested.push({ key: k, build: staticBuild(v) });
  }
  return (holes) => {
    const out = { ...base };
    for (let i = 0; i < nested.length; i++) out[nested[i]!.key] = nested[i]!.build(holes);
    return out;
  };
}
