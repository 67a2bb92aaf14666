// Command-line paths → pipeline inputs: discovery and stdin. A path that does not exist is a usage error
// (one line, exit 2); a file that exists but cannot be read is reported by the load stage.
import { readFileSync } from "node:fs";
import { discover } from "../load/discover.js";
import type { SourceInput } from "../pipeline/processor.js";
import { CliError } from "./exit-codes.js";

export function readInputs(paths: readonly string[]): SourceInput[] {
  const { files, missing } = discover(paths.length ? paths : ["."]);
  if (missing.length) throw new CliError(`cannot read ${missing.join(", ")}: no such file or directory`);
  if (files.length === 0 && missing.length === 0) {
    throw new CliError(`no Score files found in ${paths.length ? paths.join(", ") : "."} (looked for score.yaml, score.yml, *.score.yaml, *.score.yml)`);
  }
  const inputs: SourceInput[] = files.map((path) => (path === "-" ? { path, contents: readFileSync(0) } : { path }));
  return inputs;
}
