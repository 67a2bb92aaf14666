// A scratch copy of targets/terraform/example for the real terraform. `terraform init` there downloads
// nothing: the module uses only the built-in terraform_data and a local stand-in module, so it works offline.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { variablesTfPath } from "../../../targets/terraform/index.js";

const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", NO_COLOR: "1" };

export interface TfRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs terraform in dir; a non-zero exit is returned, not thrown (plan -detailed-exitcode exits 2 on changes). */
export function terraform(dir: string, args: string[], input?: string): Promise<TfRun> {
  return new Promise((resolve) => {
    const child = execFile("terraform", [...args], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && typeof err.code !== "number" ? String(err) : "") });
    });
    child.stdin!.end(input ?? "");
  });
}

/** A fresh copy of the example module, initialised (no backend), in a temporary folder the caller removes. */
export async function initExample(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "scorec-tf-"));
  cpSync(join(variablesTfPath(), "..", "example"), dir, { recursive: true });
  const init = await terraform(dir, ["init", "-input=false", "-backend=false", "-no-color"]);
  if (init.code !== 0) throw new Error(`terraform init failed in ${dir}:\n${init.stderr}${init.stdout}`);
  return dir;
}
