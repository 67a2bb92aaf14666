// Command-line paths → pipeline inputs: discovery and stdin. A path that does not exist is a usage error
// (one line, exit 2), and so is a folder that cannot be listed; a file that exists but cannot be read (or
// is not a regular file) is reported by the load stage, which also reads stdin ("-") within the size limit.
import { discover } from "../load/discover.js";
import type { SourceInput } from "../pipeline/processor.js";
import { CliError } from "./exit-codes.js";

export function readInputs(paths: readonly string[]): SourceInput[] {
  const { files, missing, unreadable } = discover(paths.length ? paths : ["."]);
  if (missing.length) throw new CliError(`cannot read ${missing.join(", ")}: no such file or directory`);
  if (unreadable.length) throw new CliError(unreadable.map((u) => `cannot read folder ${u.path}: ${u.why}`).join("\n"));
  if (files.length === 0 && missing.length === 0) {
    throw new CliError(`no Score files found in ${paths.length ? paths.join(", ") : "."} (looked for score.yaml, score.yml, *.score.yaml, *.score.yml)`);
  }
  return files.map((path) => ({ path }));
}
