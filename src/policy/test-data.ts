// The `data` document of `scorec policy test`, loaded as `opa test` loads it: every `data.json`,
// `data.yaml` or `data.yml` under a tested folder is merged at the path of its folder (relative to the
// tested folder), and each `--data FILE` is merged at the root. `--data DIR` loads every .json/.yaml/.yml file
// under it at its folder's path, whatever the file's name (OPA's loader and conftest's `-d` do; konstraint's
// examples keep their test data as `test-data/<name>.json`); tested folders hold test inputs too, so only
// their `data.*` files are data.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { deepMerge } from "../data/deep-merge.js";
import { byCodePoint } from "../diagnostics/diagnostic.js";

const DATA_FILES = new Set(["data.json", "data.yaml", "data.yml"]);

export class TestDataError extends Error {}

function readDocument(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return file.endsWith(".json") ? JSON.parse(text) : parseYamlText(text);
  } catch (e) {
    throw new TestDataError(`${file}: cannot parse data file: ${(e as Error).message.split("\n")[0]}`);
  }
}

function nest(prefix: string[], doc: unknown): unknown {
  return prefix.reduceRight<unknown>((acc, seg) => ({ [seg]: acc }), doc);
}

const DATA_EXTENSIONS = /\.(json|ya?ml)$/;

function walk(dir: string, prefix: string[], into: Record<string, unknown>, anyName: boolean): void {
  for (const name of readdirSync(dir).sort(byCodePoint)) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, [...prefix, name], into, anyName);
    else if (st.isFile() && (anyName ? DATA_EXTENSIONS.test(name) : DATA_FILES.has(name))) deepMerge(into, nest(prefix, readDocument(p)));
  }
}

/** The merged data document for the tested paths and the `--data` paths. */
export function loadTestData(testedPaths: string[], dataPaths: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const all = [...testedPaths, ...dataPaths];
  for (const [i, p] of all.entries()) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new TestDataError(`cannot read ${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(p, [], data, i >= testedPaths.length);
    else if (i >= testedPaths.length || DATA_FILES.has(basename(p))) deepMerge(data, readDocument(p));
  }
  return data;
}
