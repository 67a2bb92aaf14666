// conftest's builtins for scorec's Rego policies, plus the JSON-schema builtins (ajv-based, kept out of the
// engine's core families): registered before each compile with the project root the file builtins may read.
//   parse_config(parser, text)              text parsed by a conftest parser name (config-parsers.ts)
//   parse_config_file(path)                 a file, parser by extension; path relative to the calling policy's folder
//   parse_combined_config_files(paths)      [{path, contents}] sorted by path; a multi-document file gives one entry per document
// Paths resolve as conftest does (from the folder of the policy file that makes the call) and must stay inside
// the root: `..` past it, an absolute path elsewhere or a symlink leading out is an error that stops the
// evaluation (never a read). Reads are bounded by the same size limit as every other input.
import { realpathSync } from "node:fs";
import { isAbsolute, posix, relative, resolve, sep } from "node:path";
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import { fromJSON, registerBuiltin, BuiltinError, typeName, type BuiltinContext, type Value } from "../rego/index.js";
import { jsonSchemaBuiltins } from "../rego/builtins/jsonschema.js";
import { ConfigParseError, parseConfig, parserForPath } from "./config-parsers.js";

function typeError(name: string, pos: number, want: string, got: Value): BuiltinError {
  return new BuiltinError(`${name}: operand ${pos} must be ${want} but got ${typeName(got)}`, "eval_type_error");
}

function parsed(name: string, f: () => unknown): Value {
  try {
    return fromJSON(f());
  } catch (e) {
    if (e instanceof ConfigParseError) throw new BuiltinError(`${name}: ${e.message}`);
    throw e;
  }
}

/** The file a policy names, checked against the root (lexically, then through symlinks). */
function confined(name: string, root: string, ctx: BuiltinContext, p: string): { shown: string; abs: string } {
  const policyDir = posix.dirname((ctx.location?.file ?? "").split(sep).join("/") || ".");
  const shown = posix.join(policyDir, p);
  const abs = resolve(root, shown);
  const escapes = (r: string) => r === ".." || r.startsWith(".." + sep) || isAbsolute(r);
  const halt = (why: string) => new BuiltinError(`${name}: ${shown}: ${why}`, "eval_builtin_error", true);
  if (isAbsolute(p) || escapes(relative(root, abs))) throw halt("path is outside the project root");
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new BuiltinError(`${name}: read config file ${shown}: no such file or directory`);
  }
  if (escapes(relative(realpathSync(root), real))) throw halt("path leads outside the project root (symlink)");
  return { shown, abs: real };
}

function readConfig(name: string, root: string, ctx: BuiltinContext, p: string): { shown: string; value: unknown } {
  const { shown, abs } = confined(name, root, ctx, p);
  let text: string;
  try {
    text = readFileBounded(abs, DEFAULT_LIMITS.maxFileSize).toString("utf8");
  } catch (e) {
    if (e instanceof ReadRefusal) throw new BuiltinError(`${name}: read config file ${shown}: ${e.message}`, "eval_builtin_error", e.tooLarge);
    throw e;
  }
  try {
    return { shown, value: parseConfig(parserForPath(shown), text) };
  } catch (e) {
    if (e instanceof ConfigParseError) throw new BuiltinError(`${name}: ${shown}: ${e.message}`);
    throw e;
  }
}

/** Register (again) for evaluations reading files under `root` (the folder scorec runs from). */
export function registerConftestBuiltins(root: string): void {
  for (const d of jsonSchemaBuiltins) registerBuiltin(d);
  registerBuiltin({
    name: "parse_config",
    args: ["string", "string"],
    result: "any",
    fn: (args) => {
      const [parser, text] = args;
      if (typeof parser !== "string") throw typeError("parse_config", 1, "string", parser!);
      if (typeof text !== "string") throw typeError("parse_config", 2, "string", text!);
      return parsed("parse_config", () => parseConfig(parser, text));
    },
  });
  registerBuiltin({
    name: "parse_config_file",
    args: ["string"],
    result: "any",
    fn: (args, ctx) => {
      const p = args[0]!;
      if (typeof p !== "string") throw typeError("parse_config_file", 1, "string", p);
      return fromJSON(readConfig("parse_config_file", root, ctx, p).value);
    },
  });
  registerBuiltin({
    name: "parse_combined_config_files",
    args: [{ arrayOf: "string" }],
    result: { arrayOf: "object" },
    fn: (args, ctx) => {
      const ps = args[0]!;
      if (!Array.isArray(ps) || ps.some((p) => typeof p !== "string")) throw typeError("parse_combined_config_files", 1, "array of strings", ps);
      const all: { path: string; contents: unknown }[] = [];
      for (const p of ps as string[]) {
        const { shown, value } = readConfig("parse_combined_config_files", root, ctx, p);
        if (Array.isArray(value)) for (const v of value) all.push({ path: shown, contents: v });
        else all.push({ path: shown, contents: value });
      }
      // conftest sorts by path (stable, so a file's documents keep their order).
      all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      return fromJSON(all);
    },
  });
}
