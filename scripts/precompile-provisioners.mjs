// Parse the targets' built-in provisioner files once, at build time (run by `prepare` and `build`, after tsc):
// dist/targets/<target>/provisioners/<file>.yaml.json holds the file's text and its parsed value, which
// loadProvisioners takes instead of parsing the YAML when the bytes are the same (see
// src/provision/builtin-provisioner-cache.ts for why). Only a file that parses with no finding, validates, and
// whose value survives JSON unchanged is cached; any other stays parsed at run time, with its diagnostics.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const load = (rel) => import(pathToFileURL(join(root, "dist", "src", rel)).href);
const { VFile } = await import("vfile");
const { parseYaml } = await load("parse/parse-yaml.js");
const { builtInCachePath } = await load("provision/builtin-provisioner-cache.js");
const { default: validate } = await load("generated/provisioners-validator.js");

const targets = join(root, "targets");
for (const target of readdirSync(targets).sort()) {
  let names;
  try {
    names = readdirSync(join(targets, target, "provisioners"));
  } catch {
    continue; // a target without built-in provisioners
  }
  for (const name of names.filter((n) => /\.provisioners\.ya?ml$/.test(n)).sort()) {
    const path = join(targets, target, "provisioners", name);
    const bytes = readFileSync(path);
    const text = bytes.toString("utf8");
    const file = new VFile({ path });
    const value = parseYaml(file, bytes, undefined, { root: "list" }).documents[0]?.value;
    const ok =
      Buffer.from(text, "utf8").equals(bytes) &&
      file.messages.length === 0 &&
      Array.isArray(value) &&
      validate(value) &&
      isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value);
    if (!ok) {
      process.stderr.write(`precompile-provisioners: ${target}/${name} left to run-time parsing\n`);
      continue;
    }
    const out = builtInCachePath(path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ text, value }));
  }
}
