// The `data` document of `scorec policy test`, loaded as `opa test` loads it: every `data.json`,
// `data.yaml` or `data.yml` under a tested folder is merged at the path of its folder (relative to the
// tested folder), and each `--data FILE` is merged at the root (`--data DIR` is walked like a tested folder).
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

function walk(dir: string, prefix: string[], into: Record<string, unknown>): void {
  for (const name of readdirSync(dir).sort(byCodePoint)) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, [...prefix, name], into);
    else if (st.isFile() && DATA_FILES.has(name)) deepMerge(into, nest(prefix, readDocument(p)));
  }
}

/** The merged data document for the tested paths and the `--data` paths. */
export function loadTestData(testedPaths: string[], dataPaths: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const p of [...testedPaths, ...dataPaths]) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new TestDataError(`cannot read ${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(p, [], data);
    else if (dataPaths.includes(p) || DATA_FILES.has(basename(p))) deepMerge(data, readDocument(p));
  }
  return data;
}
