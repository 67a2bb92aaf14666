// Where `scorec init` templates come from: a built-in one (templates/<name>/ in the package) or a folder
// the platform team owns. Both have the same layout (templates/README.md): template.yaml, files/,
// provisioners/. Reading only: nothing here writes.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYamlText } from "yaml";
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { packageRoot } from "../package-root.js";
import { compileRE2, type GoRegExp } from "../re2/re2.js";

export class TemplateSourceError extends Error {}

export interface TemplateVariable {
  name: string;
  description: string;
  default?: string;
  /** Go RE2 source; the value must match it whole. */
  pattern?: string;
  regexp?: GoRegExp;
}

export interface TemplateFile {
  /** POSIX path relative to files/ (or provisioners/), `.tmpl` suffix included. */
  path: string;
  bytes: Buffer;
  mode: number;
}

export interface LoadedTemplate {
  /** The built-in name, or the folder as given. */
  name: string;
  description: string;
  variables: TemplateVariable[];
  files: TemplateFile[];
  provisionerFiles: TemplateFile[];
}

export function builtInTemplatesDir(): string {
  return join(packageRoot(), "templates");
}

/** Names of the built-in templates, sorted. */
export function builtInTemplateNames(): string[] {
  return readdirSync(builtInTemplatesDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort(byCodePoint);
}

/** A folder when the value looks like a path (has a slash or starts with a dot), else a built-in name. */
export function isTemplatePath(spec: string): boolean {
  return spec.includes("/") || spec.includes("\\") || spec.startsWith(".");
}

export function loadTemplate(spec: string, cwd = process.cwd()): LoadedTemplate {
  let dir: string;
  if (isTemplatePath(spec)) {
    dir = resolve(cwd, spec);
    if (!isDir(dir)) throw new TemplateSourceError(`template folder ${spec} does not exist`);
  } else {
    const names = builtInTemplateNames();
    if (!names.includes(spec)) throw new TemplateSourceError(`unknown template "${spec}" (built-in templates: ${names.join(", ")}; or give a folder, e.g. ./platform/templates/api)`);
    dir = join(builtInTemplatesDir(), spec);
  }
  const manifest = readManifest(dir, spec);
  return { name: spec, ...manifest, files: listFiles(join(dir, "files"), spec, true), provisionerFiles: listFiles(join(dir, "provisioners"), spec, false) };
}

function isDir(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readManifest(dir: string, spec: string): { description: string; variables: TemplateVariable[] } {
  const where = `${spec}/template.yaml`;
  let text: string;
  try {
    text = readFileSync(join(dir, "template.yaml"), "utf8");
  } catch {
    throw new TemplateSourceError(`${where} is missing: a template folder needs a template.yaml (see templates/README.md)`);
  }
  let doc: unknown;
  try {
    doc = parseYamlText(text);
  } catch (e) {
    throw new TemplateSourceError(`${where} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const m = (doc ?? {}) as Record<string, unknown>;
  if (typeof m !== "object" || Array.isArray(m)) throw new TemplateSourceError(`${where} must be a map with description and variables`);
  const vars = (m.variables ?? {}) as Record<string, unknown>;
  if (typeof vars !== "object" || Array.isArray(vars)) throw new TemplateSourceError(`${where}: variables must be a map of name → { description, default, pattern }`);
  const variables: TemplateVariable[] = [];
  for (const name of Object.keys(vars).sort(byCodePoint)) {
    const v = (vars[name] ?? {}) as Record<string, unknown>;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TemplateSourceError(`${where}: variable name "${name}" is not a template identifier ([A-Za-z_][A-Za-z0-9_]*)`);
    for (const k of ["description", "default", "pattern"]) {
      if (v[k] !== undefined && typeof v[k] !== "string") throw new TemplateSourceError(`${where}: variables.${name}.${k} must be a string`);
    }
    const variable: TemplateVariable = { name, description: (v.description as string | undefined) ?? "", default: v.default as string | undefined, pattern: v.pattern as string | undefined };
    if (variable.pattern !== undefined) {
      try {
        variable.regexp = compileRE2(`^(?:${variable.pattern})$`);
      } catch (e) {
        throw new TemplateSourceError(`${where}: variables.${name}.pattern is not a regular expression: ${(e as Error).message}`);
      }
    }
    variables.push(variable);
  }
  return { description: typeof m.description === "string" ? m.description : "", variables };
}

/** Regular files under `root`, sorted by path; symlinks and other special files are refused. */
function listFiles(root: string, spec: string, required: boolean): TemplateFile[] {
  if (!isDir(root)) {
    if (required) throw new TemplateSourceError(`template ${spec} has no files/ folder`);
    return [];
  }
  const out: TemplateFile[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort(byCodePoint)) {
      const full = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full, rel);
      else if (st.isFile()) out.push({ path: rel, bytes: readFileSync(full), mode: st.mode & 0o111 ? 0o755 : 0o644 });
      else throw new TemplateSourceError(`template ${spec}: ${rel} is not a regular file (symlinks are not followed)`);
    }
  };
  walk(root, "");
  return out;
}
