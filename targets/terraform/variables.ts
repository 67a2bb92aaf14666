// The declared types of variables.tf, read without a Terraform toolchain (the target runs offline and
// the HCL parser is a dev-only dependency): `variable "NAME" { type = EXPR  default = … }` blocks, with
// brackets, strings and comments skipped correctly. The tests cross-check it against @cdktf/hcl2json.
import { parseTfType, type TfType } from "./type-expr.js";

export interface DeclaredVariable {
  type: TfType;
  typeText: string;
  hasDefault: boolean;
}

/** Index just past the bracket closing the one at `open`, skipping strings and comments. */
function skipBalanced(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === "\\") i++;
    } else if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      i = src.indexOf("*/", i + 2);
      if (i < 0) return src.length;
      i++;
    } else if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error("variables.tf: unbalanced brackets");
}

/** Top-level `name = expr` attributes of a block body: name → expression text. */
function attributes(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const m = /^\s*(?:(?:#|\/\/)[^\n]*\n?)*\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*/.exec(body.slice(i));
    if (!m) {
      const nl = body.indexOf("\n", i);
      if (nl < 0) break;
      i = nl + 1;
      continue;
    }
    const start = i + m[0].length;
    let j = start;
    // The expression runs to the end of the line, extended over any bracket that opens on it.
    while (j < body.length && body[j] !== "\n") {
      const c = body[j]!;
      if ("({[".includes(c)) j = skipBalanced(body, j);
      else if (c === '"') {
        for (j++; j < body.length && body[j] !== '"'; j++) if (body[j] === "\\") j++;
        j++;
      } else if (c === "#" || (c === "/" && body[j + 1] === "/")) break;
      else j++;
    }
    out.set(m[1]!, body.slice(start, j).replace(/\s*(#|\/\/)[^\n]*$/, "").trim());
    const nl = body.indexOf("\n", j);
    i = nl < 0 ? body.length : nl + 1;
  }
  return out;
}

export function declaredTypes(src: string): Map<string, DeclaredVariable> {
  const out = new Map<string, DeclaredVariable>();
  const re = /^variable\s+"([^"]+)"\s*\{/gm;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const open = m.index + m[0].length - 1;
    const end = skipBalanced(src, open);
    const attrs = attributes(src.slice(open + 1, end - 1));
    const typeText = attrs.get("type") ?? "any";
    out.set(m[1]!, { type: parseTfType(typeText), typeText, hasDefault: attrs.has("default") });
    re.lastIndex = end;
  }
  return out;
}
