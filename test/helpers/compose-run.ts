// Compile one Score file (and optional provisioner file) in a temporary folder with the Compose target:
// the parsed compose.yaml, the artifacts and the findings, for tests that assert one behaviour each.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { generate, type GenerateOptions } from "../../src/api/generate.js";
import type { Artifact } from "../../src/emit/target.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

export interface ComposeRun {
  compose: Record<string, any> | undefined;
  text: string | undefined;
  artifacts: Artifact[] | undefined;
  errors: Diagnostic[];
  result: Awaited<ReturnType<typeof generate>>;
}

export async function composeRun(score: string, provisioners?: string, opts: Partial<GenerateOptions> = {}): Promise<ComposeRun> {
  const dir = mkdtempSync(join(tmpdir(), "scorec-compose-"));
  try {
    writeFileSync(join(dir, "score.yaml"), score);
    const provs: string[] = [];
    if (provisioners !== undefined) {
      writeFileSync(join(dir, "test.provisioners.yaml"), provisioners);
      provs.push(join(dir, "test.provisioners.yaml"));
    }
    const result = await generate([{ path: join(dir, "score.yaml") }], { target: "compose", outputDir: "out", root: dir, projectName: "t", provisioners: provs, ...opts });
    const file = result.artifacts?.find((a) => a.path === "compose.yaml");
    const text = file ? String(file.content) : undefined;
    return { compose: text ? parse(text) : undefined, text, artifacts: result.artifacts, errors: result.diagnostics.filter((d) => d.severity === "error"), result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
