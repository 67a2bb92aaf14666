// `--patch-templates FILE` (score-compose's `init --patch-templates`): Go templates (text/template + sprig)
// that see the output being generated and the workloads, and print a YAML list of patch operations
// (`op: set|delete`, `path` dotted as in src/data/dotted-path.ts, `value`, `description`) applied in order.
// Templates run in the order given, each seeing the output as the previous ones left it, as score-compose
// does. Every failure is a positioned finding on the patch file (never a half-patched output): the CLI then
// writes nothing.
import { parseAllDocuments } from "yaml";
import { VFile } from "vfile";
import { report, type Range } from "../diagnostics/diagnostic.js";
import { displayPath } from "../load/discover.js";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { parseTemplate, TemplateError, type Template } from "../template/index.js";
import { deleteAtPath, DottedPathError, setAtPath } from "../data/dotted-path.js";

export interface PatchTemplate {
  vfile: VFile;
  /** Undefined when the file could not be read or parsed (its vfile says why). */
  template?: Template;
}

export interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
  description?: string;
}

const KNOWN_FIELDS = new Set(["op", "path", "value", "description"]);

const at = (line: number, column: number): Range => ({ start: { line, column }, end: { line, column } });

/** Reads and parses each file; read and template syntax errors are findings on the file's vfile. */
export function loadPatchTemplates(paths: readonly string[], maxFileSize = DEFAULT_LIMITS.maxFileSize, cwd = process.cwd()): PatchTemplate[] {
  return paths.map((p) => {
    const shown = displayPath(p, cwd);
    const vfile = new VFile({ path: shown });
    let text: string;
    try {
      text = readFileBounded(p, maxFileSize).toString("utf8");
    } catch (e) {
      report(vfile, `cannot read patch template ${shown}: ${e instanceof ReadRefusal ? e.message : String(e)}`, { ruleId: "io/read", source: "io", severity: "error" });
      return { vfile };
    }
    vfile.value = text;
    try {
      return { vfile, template: parseTemplate(text, { name: shown }) };
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      report(vfile, `patch template does not parse: ${e.reason}`, { ruleId: "patch/template", source: "provision", severity: "error", range: at(e.line, e.column) });
      return { vfile };
    }
  });
}

/** The operations a template printed (YAML, first document), or a message saying what is wrong with them. */
export function decodePatches(text: string): PatchOperation[] | string {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const doc = parseAllDocuments(trimmed, { schema: "core", uniqueKeys: false });
  const first = Array.isArray(doc) ? doc[0] : undefined;
  if (!first) return []; // comments only
  if (first.errors.length) return `the template printed invalid YAML: ${first.errors[0]!.message.split("\n")[0]}`;
  const list: unknown = first.toJS();
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) return "the template must print a YAML list of patch operations (op, path, value, description)";
  const out: PatchOperation[] = [];
  for (const [i, item] of list.entries()) {
    const n = i + 1;
    if (!item || typeof item !== "object" || Array.isArray(item)) return `patch ${n}: an operation is a mapping with op, path, value and description`;
    const unknown = Object.keys(item).find((k) => !KNOWN_FIELDS.has(k));
    if (unknown !== undefined) return `patch ${n}: unknown field "${unknown}" (an operation has op, path, value and description)`;
    const { op, path, value, description } = item as Record<string, unknown>;
    if (typeof op !== "string") return `patch ${n}: "op" must be set or delete`;
    if (typeof path !== "string") return `patch ${n}: "path" must be a string`;
    if (description !== undefined && description !== null && typeof description !== "string") return `patch ${n}: "description" must be a string`;
    out.push({ op, path, ...(value !== undefined ? { value } : {}), ...(typeof description === "string" ? { description } : {}) });
  }
  return out;
}

/** Applies one operation in place; a message when it cannot be applied. */
export function applyPatch(doc: Record<string, unknown>, p: PatchOperation): string | undefined {
  try {
    if (p.op === "set") setAtPath(doc, p.path, structuredClone(p.value ?? null));
    else if (p.op === "delete") deleteAtPath(doc, p.path);
    else return `unknown operation "${p.op}" (set or delete)`;
  } catch (e) {
    if (e instanceof DottedPathError) return e.message;
    throw e;
  }
  return undefined;
}

/**
 * Runs the templates over `doc` (`input` builds each template's data from the current document) and
 * returns the patched copy, or undefined after reporting the first failure on the template's file.
 */
export function runPatchTemplates(
  doc: Record<string, unknown>,
  templates: readonly PatchTemplate[],
  input: (current: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> | undefined {
  let current = structuredClone(doc);
  for (const t of templates) {
    if (!t.template) return undefined;
    const fail = (message: string, range?: Range): undefined => {
      report(t.vfile, message, { ruleId: "patch/template", source: "provision", severity: "error", ...(range ? { range } : {}) });
      return undefined;
    };
    let text: string;
    try {
      text = t.template.execute(input(structuredClone(current)));
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      if (e.failMessage !== undefined) return fail(`patch template failed: ${e.failMessage}`, at(e.line, e.column));
      return fail(`patch template failed: ${e.reason}`, at(e.line, e.column));
    }
    const patches = decodePatches(text);
    if (typeof patches === "string") return fail(`${patches}; it printed:\n${excerpt(text)}`);
    const next = structuredClone(current);
    for (const [i, p] of patches.entries()) {
      const problem = applyPatch(next, p);
      if (problem !== undefined) {
        report(t.vfile, `patch ${i + 1} (${p.op} ${p.path}) cannot be applied: ${problem}`, { ruleId: "patch/operation", source: "provision", severity: "error" });
        return undefined;
      }
    }
    current = next;
  }
  return current;
}

function excerpt(text: string): string {
  const lines = text.trim().split("\n");
  const shown = lines.slice(0, 10).map((l) => `  ${l}`);
  if (lines.length > 10) shown.push(`  … ${lines.length - 10} more line(s)`);
  return shown.join("\n");
}
