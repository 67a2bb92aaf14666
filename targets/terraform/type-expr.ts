// Terraform type constraints (`string`, `list(T)`, `object({ a = optional(T, default) })`, …): a parser for
// the text form (as written in variables.tf, or as @cdktf/hcl2json returns it, wrapped in `${…}`) and a
// checker for JSON values. The target checks its own tfvars against the module's declared types with it,
// so a mismatch is a compile error here rather than a `terraform plan` failure later.
//
// The checker is deliberately stricter than Terraform's conversion rules: a number where a string is
// declared is an error (Terraform would convert it silently), as is null for a required attribute.

export type TfType =
  | { kind: "string" | "number" | "bool" | "any" }
  | { kind: "list" | "set" | "map"; elem: TfType }
  | { kind: "tuple"; elems: TfType[] }
  | { kind: "object"; attrs: Record<string, TfAttr> };

export interface TfAttr {
  type: TfType;
  optional: boolean;
  /** The default of `optional(T, default)` as a JSON value; undefined when none was given. */
  default?: unknown;
}

export class TfTypeSyntaxError extends Error {}

type Tok = { t: "id" | "str" | "num" | "p"; v: string; at: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ t: "id", v: m[0], at: i });
      i += m[0].length;
      continue;
    }
    if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      if (!m) throw new TfTypeSyntaxError(`unexpected "${c}" at ${i}`);
      out.push({ t: "num", v: m[0], at: i });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\") {
          const e = src[j + 1];
          s += e === "n" ? "\n" : e === "t" ? "\t" : e ?? "";
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new TfTypeSyntaxError(`unterminated string at ${i}`);
      out.push({ t: "str", v: s, at: i });
      i = j + 1;
      continue;
    }
    if ("(){}[]=,:".includes(c)) {
      out.push({ t: "p", v: c, at: i });
      i++;
      continue;
    }
    throw new TfTypeSyntaxError(`unexpected "${c}" at ${i}`);
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new TfTypeSyntaxError("unexpected end of type expression");
    return t;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== "p" || t.v !== v) throw new TfTypeSyntaxError(`expected "${v}" at ${t.at}, found "${t.v}"`);
  }
  private maybe(v: string): boolean {
    const t = this.peek();
    if (t?.t === "p" && t.v === v) {
      this.i++;
      return true;
    }
    return false;
  }
  done(): void {
    const t = this.peek();
    if (t) throw new TfTypeSyntaxError(`unexpected "${t.v}" at ${t.at}`);
  }

  type(): TfType {
    const t = this.next();
    if (t.t !== "id") throw new TfTypeSyntaxError(`expected a type at ${t.at}, found "${t.v}"`);
    switch (t.v) {
      case "string":
      case "number":
      case "bool":
      case "any":
        return { kind: t.v };
      case "list":
      case "set":
      case "map": {
        this.expect("(");
        const elem = this.type();
        this.expect(")");
        return { kind: t.v, elem };
      }
      case "tuple": {
        this.expect("(");
        this.expect("[");
        const elems: TfType[] = [];
        while (!this.maybe("]")) {
          elems.push(this.type());
          this.maybe(",");
        }
        this.expect(")");
        return { kind: "tuple", elems };
      }
      case "object": {
        this.expect("(");
        this.expect("{");
        const attrs: Record<string, TfAttr> = {};
        while (!this.maybe("}")) {
          const name = this.next();
          if (name.t !== "id" && name.t !== "str") throw new TfTypeSyntaxError(`expected an attribute name at ${name.at}`);
          if (!this.maybe("=")) this.expect(":");
          if (Object.prototype.hasOwnProperty.call(attrs, name.v)) throw new TfTypeSyntaxError(`attribute "${name.v}" declared twice`);
          attrs[name.v] = this.attr();
          this.maybe(",");
        }
        this.expect(")");
        return { kind: "object", attrs };
      }
      default:
        throw new TfTypeSyntaxError(`unknown type "${t.v}" at ${t.at}`);
    }
  }

  private attr(): TfAttr {
    const t = this.peek();
    if (t?.t === "id" && t.v === "optional") {
      this.i++;
      this.expect("(");
      const type = this.type();
      let def: unknown;
      if (this.maybe(",")) def = this.literal();
      this.expect(")");
      return def === undefined ? { type, optional: true } : { type, optional: true, default: def };
    }
    return { type: this.type(), optional: false };
  }

  /** The HCL literals defaults are written with: strings, numbers, true/false/null, [..], {..}. */
  literal(): unknown {
    const t = this.next();
    if (t.t === "str") return t.v;
    if (t.t === "num") return Number(t.v);
    if (t.t === "id") {
      if (t.v === "true") return true;
      if (t.v === "false") return false;
      if (t.v === "null") return null;
      throw new TfTypeSyntaxError(`unsupported default expression "${t.v}" at ${t.at}`);
    }
    if (t.v === "[") {
      const out: unknown[] = [];
      while (!this.maybe("]")) {
        out.push(this.literal());
        this.maybe(",");
      }
      return out;
    }
    if (t.v === "{") {
      const out: Record<string, unknown> = {};
      while (!this.maybe("}")) {
        const k = this.next();
        if (k.t !== "id" && k.t !== "str") throw new TfTypeSyntaxError(`expected a key at ${k.at}`);
        if (!this.maybe("=")) this.expect(":");
        out[k.v] = this.literal();
        this.maybe(",");
      }
      return out;
    }
    throw new TfTypeSyntaxError(`unexpected "${t.v}" at ${t.at}`);
  }
}

/** Parses `list(string)`, and also the `${list(string)}` form @cdktf/hcl2json returns. */
export function parseTfType(text: string): TfType {
  let src = text.trim();
  if (src.startsWith("${") && src.endsWith("}")) src = src.slice(2, -1);
  const p = new Parser(tokenize(src));
  const t = p.type();
  p.done();
  return t;
}

export function formatTfType(t: TfType): string {
  switch (t.kind) {
    case "list":
    case "set":
    case "map":
      return `${t.kind}(${formatTfType(t.elem)})`;
    case "tuple":
      return `tuple([${t.elems.map(formatTfType).join(", ")}])`;
    case "object":
      return `object({ ${Object.entries(t.attrs)
        .map(([k, a]) => `${k} = ${a.optional ? `optional(${formatTfType(a.type)}${a.default !== undefined ? `, ${JSON.stringify(a.default)}` : ""})` : formatTfType(a.type)}`)
        .join(", ")} })`;
    default:
      return t.kind;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Errors (`path: message`) for `value` against `type`; empty when it conforms. */
export function checkTfValue(type: TfType, value: unknown, path = ""): string[] {
  const at = path || "(root)";
  switch (type.kind) {
    case "any":
      return [];
    case "string":
      return typeof value === "string" ? [] : [`${at}: expected a string, got ${describe(value)}`];
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? [] : [`${at}: expected a number, got ${describe(value)}`];
    case "bool":
      return typeof value === "boolean" ? [] : [`${at}: expected a bool, got ${describe(value)}`];
    case "list":
    case "set": {
      if (!Array.isArray(value)) return [`${at}: expected a ${type.kind}, got ${describe(value)}`];
      const errs = value.flatMap((v, i) => checkTfValue(type.elem, v, `${path}[${i}]`));
      if (type.kind === "set") {
        const seen = new Set(value.map((v) => JSON.stringify(v)));
        if (seen.size !== value.length) errs.push(`${at}: a set cannot hold the same value twice`);
      }
      return errs;
    }
    case "tuple": {
      if (!Array.isArray(value)) return [`${at}: expected a tuple, got ${describe(value)}`];
      if (value.length !== type.elems.length) return [`${at}: expected a tuple of ${type.elems.length} elements, got ${value.length}`];
      return value.flatMap((v, i) => checkTfValue(type.elems[i]!, v, `${path}[${i}]`));
    }
    case "map": {
      if (!isPlainObject(value)) return [`${at}: expected a map, got ${describe(value)}`];
      return Object.keys(value)
        .sort()
        .flatMap((k) => checkTfValue(type.elem, value[k], `${path}[${JSON.stringify(k)}]`));
    }
    case "object": {
      if (!isPlainObject(value)) return [`${at}: expected an object, got ${describe(value)}`];
      const errs: string[] = [];
      for (const [k, a] of Object.entries(type.attrs)) {
        const v = value[k];
        if (v === undefined || v === null) {
          if (!a.optional) errs.push(`${path ? path + "." : ""}${k}: required attribute is ${v === null ? "null" : "missing"}`);
          continue;
        }
        errs.push(...checkTfValue(a.type, v, `${path ? path + "." : ""}${k}`));
      }
      for (const k of Object.keys(value).sort()) {
        if (!Object.prototype.hasOwnProperty.call(type.attrs, k)) errs.push(`${path ? path + "." : ""}${k}: unexpected attribute (the object type declares ${Object.keys(type.attrs).sort().join(", ") || "none"})`);
      }
      return errs;
    }
  }
}
