// `# METADATA` comment blocks: YAML attached to the package or the rule that follows the block.
import { parse as parseYaml } from "yaml";
import type { Annotations, ModuleAst } from "./ast.js";
import { RegoError } from "./errors.js";
import type { Comment } from "./lexer.js";

export function attachAnnotations(mod: ModuleAst, comments: Comment[]): void {
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    if (c.text.trim() !== "METADATA") continue;
    const lines: string[] = [];
    let row = c.row;
    let j = i + 1;
    // The block is the run of whole-line comments below `# METADATA`: a trailing comment on the rule's line
    // (another column) ends it, as in OPA.
    while (j < comments.length && comments[j]!.row === row + 1 && comments[j]!.col === c.col) {
      lines.push(comments[j]!.text);
      row = comments[j]!.row;
      j++;
    }
    i = j - 1;
    // Comment text keeps the space after '#'; drop the common one-space indent so YAML nesting survives.
    const text = lines.map((l) => (l.startsWith(" ") ? l.slice(1) : l)).join("\n");
    let doc: unknown;
    try {
      doc = parseYaml(text) ?? {};
    } catch (e) {
      throw new RegoError("rego_parse_error", `yaml: ${(e as Error).message.split("\n")[0]}`, { file: mod.file, row: c.row, col: c.col });
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc))
      throw new RegoError("rego_parse_error", "invalid METADATA block", { file: mod.file, row: c.row, col: c.col });
    const ann: Annotations = { ...(doc as Record<string, unknown>), location: { file: mod.file, row: c.row, col: c.col } };
    // Attach to what follows: the package clause or the first rule after the block.
    if (mod.pkgLoc.row > row) {
      ann.scope ??= "package";
      mod.annotations.push(ann);
      continue;
    }
    const rule = mod.rules.find((r) => r.loc.row > row);
    if (!rule) continue;
    ann.scope ??= "rule";
    if (ann.scope === "package" || ann.scope === "subpackages") mod.annotations.push(ann);
    else rule.annotations.push(ann);
  }
}
