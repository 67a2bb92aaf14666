// Which values paths the chart templates read, checked against values.schema.json. A documented subset
// of Go-template scoping: `.Values.a.b` / `$.Values.a.b`; variables bound by `range $k, $v := EXPR`,
// `range $v := EXPR`, `$v := index EXPR KEY` (an element of EXPR) and `$v := EXPR` (EXPR itself), where
// EXPR is a values path or a bound variable's path; and `values-binding: $v = .Values.path.*` comments
// for define blocks that receive values through a dict. `with` rebinding `.` is not followed (the chart
// only uses `toYaml .` inside `with`). Variables bound to anything else (include, dict, list) are skipped.
type Schema = Record<string, unknown>;

export interface PathUse {
  file: string;
  path: string[];
  text: string;
}

function deref(root: Schema, node: Schema): Schema {
  let n = node;
  while (typeof n.$ref === "string") {
    const parts = (n.$ref as string).replace(/^#\//, "").split("/");
    n = parts.reduce<Schema>((acc, p) => acc[p] as Schema, root);
  }
  return n;
}

/** The schema node at `path` (map keys step into additionalProperties), or undefined. "*" = any map key / element. */
export function schemaAt(root: Schema, path: readonly string[]): Schema | undefined {
  let node: Schema | undefined = deref(root, root);
  for (const seg of path) {
    if (!node) return undefined;
    const props = node.properties as Record<string, Schema> | undefined;
    if (seg !== "*" && props && seg in props) node = deref(root, props[seg]!);
    else if (seg === "*" && node.items && typeof node.items === "object") node = deref(root, node.items as Schema);
    else if (typeof node.additionalProperties === "object") node = deref(root, node.additionalProperties as Schema);
    else return undefined;
  }
  return node;
}

const VALUES = /\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/;

function segs(dotted: string): string[] {
  return dotted.split(".").filter(Boolean);
}

/** All values paths the template text reads ("*" marks an element of a list or map). */
export function valuesPaths(file: string, text: string): PathUse[] {
  const bound = new Map<string, string[]>();
  for (const m of text.matchAll(/values-binding:\s*\$(\w+)\s*=\s*\.Values((?:\.[\w*]+)+)/g)) bound.set(m[1]!, segs(m[2]!));
  const declared = new Set(bound.keys());
  const uses: PathUse[] = [];
  const exprPath = (expr: string): string[] | undefined => {
    const v = expr.match(new RegExp("^" + VALUES.source));
    if (v) return segs(v[1]!);
    const b = expr.match(/^\$(\w+)((?:\.[A-Za-z_]\w*)*)/);
    if (b && bound.has(b[1]!)) return [...bound.get(b[1]!)!, ...segs(b[2]!)];
    return undefined;
  };
  for (const action of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    const body = action[1]!.trim();
    if (body.startsWith("/*")) continue;
    // Bindings first (their right-hand side is a use too, collected below).
    let m: RegExpMatchArray | null = body.match(/^\$(\w+)\s*:=/);
    if (m && declared.has(m[1]!)) continue; // `$c := .c` in a define: the binding comment says what it is
    m = body.match(/^range\s+\$\w+\s*,\s*\$(\w+)\s*:=\s*(\S+)/) ?? body.match(/^range\s+\$(\w+)\s*:=\s*(\S+)/);
    if (m) {
      const p = exprPath(m[2]!);
      if (p) bound.set(m[1]!, [...p, "*"]);
      else bound.delete(m[1]!);
    } else if ((m = body.match(/^\$(\w+)\s*:=\s*index\s+(\S+)\s+\S+/))) {
      const p = exprPath(m[2]!);
      if (p) bound.set(m[1]!, [...p, "*"]);
      else bound.delete(m[1]!);
    } else if ((m = body.match(/^\$(\w+)\s*:=\s*(\S+)\s*$/))) {
      const p = exprPath(m[2]!);
      if (p) bound.set(m[1]!, p);
      else bound.delete(m[1]!);
    } else if ((m = body.match(/^\$(\w+)\s*:=/))) bound.delete(m[1]!);
    for (const ref of body.matchAll(/(\$?\.Values(?:\.[A-Za-z_]\w*)*|\$\w+(?:\.[A-Za-z_]\w*)+)/g)) {
      const p = exprPath(ref[1]!);
      if (p && p.length) uses.push({ file, path: p, text: ref[1]! });
    }
  }
  return uses;
}
