// Configuration parsers behind conftest's parse_config builtins, by conftest's parser names: yaml (several
// documents become an array), json, toml (smol-toml), ini (npm ini; like go-ini through conftest, every value
// is a string and keys outside a section are dropped), dotenv (dotenv's parser), hcl2 (npm hcl2-parser: a
// GopherJS build of the very converter conftest uses, github.com/tmccombs/hcl2json, so blocks, labels and
// `${...}` expressions come out as conftest gives them; loaded on first use, it is 4 MB of JavaScript).
// conftest's other parsers (cue, cyclonedx, dockerfile, edn, groovy, hcl1, hocon, ignore, jsonc, jsonnet, nginx,
// properties, spdx, textproto, vcl, xml) are refused by name: scorec has no synchronous, well-kept JavaScript parser that gives conftest's shapes for them.
import { parse as parseDotenv } from "dotenv";
import { parse as parseIni } from "ini";
import { parse as parseToml, TomlDate } from "smol-toml";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

export const CONFIG_PARSERS = ["yaml", "json", "toml", "ini", "dotenv", "hcl2"] as const;
const CONFTEST_ONLY = new Set([
  "cue", "cyclonedx", "dockerfile", "edn", "groovy", "hcl1", "hocon", "ignore", "jsonc", "jsonnet", "nginx", "properties",
  "spdx", "textproto", "vcl", "xml",
]);

export class ConfigParseError extends Error {}

/** conftest's parser for a path: by extension, `yml` when there is none. */
export function parserForPath(path: string): string {
  const base = path.split("/").pop()!.toLowerCase();
  if (base === "dockerfile" || base.includes("dockerfile.")) return "dockerfile";
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot + 1) : dot === 0 ? base.slice(1) : "yml";
  if (ext === "yml" || ext === "yaml") return "yaml";
  if (ext === "tf" || ext === "tfvars") return "hcl2";
  if (ext === "env") return "dotenv";
  if (ext === "gitignore" || ext === "dockerignore") return "ignore";
  return ext;
}

export function parseConfig(parser: string, text: string): unknown {
  switch (parser) {
    case "yaml":
      return parseYaml(text);
    case "json":
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new ConfigParseError(`unmarshal config: ${(e as Error).message}`);
      }
    case "toml":
      try {
        return plain(parseToml(text));
      } catch (e) {
        throw new ConfigParseError(`unmarshal config: ${(e as Error).message.split("\n")[0]}`);
      }
    case "ini": {
      const out: Record<string, Record<string, string>> = {};
      for (const [section, body] of Object.entries(parseIni(text))) {
        if (!body || typeof body !== "object" || Array.isArray(body)) continue;
        out[section] = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
      }
      return out;
    }
    case "dotenv":
      return { ...parseDotenv(text) };
    case "hcl2":
      return parseHcl2(text);
  }
  if (CONFTEST_ONLY.has(parser)) throw new ConfigParseError(`create config parser: parser ${parser} is not supported by scorec`);
  throw new ConfigParseError(`create config parser: unknown parser: ${parser}`);
}

function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) throw new ConfigParseError(`unmarshal config: ${d.errors[0]!.message.split("\n")[0]}`);
    values.push(d.toJS({ maxAliasCount: 100 }));
  }
  return values.length === 1 ? values[0] : values;
}

type Hcl2Parser = { parseToString(text: string): [string, unknown] };
let hcl2: Hcl2Parser | undefined;

/** HCL2 as tmccombs/hcl2json converts it (conftest's hcl2 parser). The GopherJS build drops the Go error's
 *  text, so a syntax error can only be reported as such. */
function parseHcl2(text: string): unknown {
  hcl2 ??= createRequire(import.meta.url)("hcl2-parser") as Hcl2Parser;
  const [json, err] = hcl2.parseToString(text);
  if (err != null || json === "") throw new ConfigParseError("unmarshal config: not valid HCL2 (the parser gives no detail)");
  return JSON.parse(json);
}

/** TOML dates become their RFC 3339 text (Go's JSON of a time.Time). */
function plain(v: unknown): unknown {
  if (v instanceof TomlDate) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
