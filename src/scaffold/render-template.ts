// Render a loaded template into artifacts for `scorec init`: `--set` values checked against the template's
// variables, `.tmpl` files through the Go text/template engine (missing keys are errors, so a template
// cannot silently print "<no value>"), other files copied byte for byte.
import type { Artifact } from "../emit/target.js";
import { parseTemplate, TemplateError } from "../template/index.js";
import type { LoadedTemplate, TemplateFile } from "./template-source.js";

export class TemplateValueError extends Error {}

/** `--set k=v` list → map; a malformed entry, a repeated key or a key the template lacks is an error. */
export function parseSets(sets: readonly string[], template: LoadedTemplate): Map<string, string> {
  const out = new Map<string, string>();
  const known = template.variables.map((v) => v.name);
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new TemplateValueError(`--set takes NAME=VALUE, got "${s}"`);
    const key = s.slice(0, eq);
    if (!known.includes(key)) throw new TemplateValueError(`template ${template.name} has no variable "${key}" (variables: ${known.join(", ") || "none"})`);
    if (out.has(key)) throw new TemplateValueError(`--set ${key} is given twice`);
    out.set(key, s.slice(eq + 1));
  }
  return out;
}

/** Every variable's value: --set, else the default, else "" (`name` defaults to `defaultName`). */
export function templateValues(template: LoadedTemplate, sets: Map<string, string>, defaultName: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const v of template.variables) {
    const given = sets.get(v.name);
    const value = given ?? v.default ?? (v.name === "name" ? defaultName : "");
    if (v.regexp && !v.regexp.test(value)) {
      const how = given !== undefined ? `--set ${v.name}=${given}` : v.name === "name" && v.default === undefined ? `the folder name "${value}" (use --set name=…)` : `the default "${value}"`;
      throw new TemplateValueError(`${how}: ${v.name} must match ${v.pattern}${v.description ? ` (${v.description})` : ""}`);
    }
    values[v.name] = value;
  }
  return values;
}

function render(file: TemplateFile, values: Record<string, string>, template: LoadedTemplate, prefix: string): Artifact {
  if (!file.path.endsWith(".tmpl")) return { path: file.path, content: new Uint8Array(file.bytes), mode: file.mode };
  const where = `${template.name}/${prefix}/${file.path}`;
  const text = file.bytes.toString("utf8");
  try {
    const content = parseTemplate(text, { name: where }).execute(values, { missingKey: "error" });
    return { path: file.path.slice(0, -".tmpl".length), content, mode: file.mode };
  } catch (e) {
    if (e instanceof TemplateError) throw new TemplateValueError(`template file ${e.message}`);
    throw e;
  }
}

/** The artifacts of `template` with `values`; provisioner files only when asked. */
export function renderTemplate(template: LoadedTemplate, values: Record<string, string>, withProvisioners: boolean): Artifact[] {
  return [
    ...template.files.map((f) => render(f, values, template, "files")),
    ...(withProvisioners ? template.provisionerFiles.map((f) => render(f, values, template, "provisioners")) : []),
  ];
}
