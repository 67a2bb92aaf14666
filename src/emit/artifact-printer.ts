// `scorec generate -o -`: artifacts on stdout instead of on disk.
//
// Format: one artifact prints exactly as its content. Several print as a stream in artifact order,
// each introduced by a `---` line and a `# <path>` comment line, its content following (a newline is
// added when the content lacks a final one). When every artifact is YAML this is a valid multi-document
// YAML stream (e.g. for `kubectl apply -f -`); the comments say where each file would have gone.
// Content that is not valid UTF-8 prints as one base64 line after `# <path> (binary, base64)`.
// A target whose files are not YAML prints them its own way (`Target.print`: Terraform prints one JSON
// document keyed by workload), so stdout is always one parseable document or stream.
import { contentText } from "./artifact-content.js";
import type { Artifact, Target } from "./target.js";

function section(a: Artifact): string {
  const text = contentText(a.content);
  if (text === undefined) return `---\n# ${a.path} (binary, base64)\n${Buffer.from(a.content).toString("base64")}\n`;
  return `---\n# ${a.path}\n${text}${text === "" || text.endsWith("\n") ? "" : "\n"}`;
}

export function printArtifacts(artifacts: readonly Artifact[], target?: Pick<Target, "print">): string {
  if (target?.print) return target.print(artifacts);
  if (artifacts.length === 1) {
    const text = contentText(artifacts[0]!.content);
    if (text !== undefined) return text;
  }
  return artifacts.map(section).join("");
}
