// Command-line paths → pipeline inputs: discovery, stdin, and unreadable paths kept as inputs so that the
// load stage reports them like any other finding.
import { readFileSync } from "node:fs";
import { discover } from "../load/discover.js";
import type { SourceInput } from "../pipeline/processor.js";
import { CliError } from "./exit-codes.js";

export function readInputs(paths: readonly string[]): SourceInput[] {
  const { files, missing } = discover(paths.length ? paths : ["."]);
  if (files.length === 0 && missing.length === 0) {
    throw new CliError(`no Score files found in ${paths.length ? paths.join(", ") : "."} (looked for score.yaml, score.yml, *.score.yaml, *.score.yml)`);
  }
  const inputs: SourceInput[] = files.map((path) => (path === "-" ? { path, contents: readFileSync(0) } : { path }));
  for (const path of missing) inputs.push({ path });
  return inputs;
}
