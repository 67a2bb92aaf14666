// Issue 13, item 8: a real editor as the LSP client. Headless Neovim (Debian `neovim`, 0.7+) runs its
// built-in client against the built `scorec lsp` (test/lsp/neovim/client.lua): it opens a Score file with
// two typos, receives each diagnostic, asks for code actions at it, applies the quick fix and waits for the
// server's diagnostics of the edited version. Missing nvim is one line locally and a failure under CI=true.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";
import { realTool } from "../helpers/real-tool.js";

const hasNvim = realTool("nvim", "nvim", ["--version"]);
const tmp = mkdtempSync(join(tmpdir(), "scorec-nvim-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface LspDiagnostic {
  code: string;
  severity: number;
  message: string;
  range: { start: { line: number; character: number } };
}
interface Step {
  code: string;
  received: LspDiagnostic[];
  shownBefore: { lnum: number; col: number; severity: number; message: string }[];
  titles: string[];
  applied: string;
  after: LspDiagnostic[];
  shownAfter: unknown[];
}
interface Outcome {
  steps: Step[];
  lines: string[];
  modified: boolean;
  stopped: boolean;
  error?: string;
}

/** Runs nvim headless with the Lua client; the Lua side bounds each wait, this bounds the whole run. */
function runNeovim(dir: string, file: string, fix: string[]): Promise<{ outcome: Outcome; stderr: string }> {
  const input = join(dir, "nvim-in.json");
  const output = join(dir, "nvim-out.json");
  writeFileSync(
    input,
    JSON.stringify({ cmd: [process.execPath, join(REPO, "bin", "scorec.js"), "lsp"], root: dir, file, fix, initOptions: { debounceMs: 20 }, stepTimeoutMs: 20_000 }),
  );
  // XDG_* inside the temp folder: nvim's lsp.log, shada and swap files stay there.
  const xdg = Object.fromEntries(["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"].map((k) => [k, join(dir, ".xdg", k)]));
  const child = spawn("nvim", ["--headless", "--clean", "-i", "NONE", "-n", "-c", `luafile ${join(REPO, "test", "lsp", "neovim", "client.lua")}`], {
    cwd: dir,
    env: { ...process.env, ...xdg, SCOREC_NVIM_IN: input, SCOREC_NVIM_OUT: output },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`nvim did not finish in 90 s; stderr: ${stderr}`));
    }, 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!existsSync(output)) return reject(new Error(`nvim exited ${code} without writing its result; stderr: ${stderr}`));
      resolve({ outcome: JSON.parse(readFileSync(output, "utf8")) as Outcome, stderr });
    });
  });
}

describe.skipIf(!hasNvim)("Neovim's built-in LSP client against scorec lsp", () => {
  it("shows the typo diagnostics at line:column, applies the quick fixes and sees them cleared", async () => {
    const dir = join(tmp, "typos");
    mkdirSync(join(dir, ".git"), { recursive: true }); // the config search stops here
    const file = join(dir, "score.yaml");
    copyFileSync(join(REPO, "test", "lint-gate", "fixtures", "typos.score.yaml"), file);
    const original = readFileSync(file, "utf8");

    const { outcome, stderr } = await runNeovim(dir, file, ["provision/no-provisioner", "provision/missing-output"]);
    expect(outcome.error, stderr).toBeUndefined();
    const [type, output] = outcome.steps;

    // The unknown type: received at `kafak` (line 15, column 11 in 1-based terms), shown by the editor.
    const noProvisioner = type!.received.find((d) => d.code === "provision/no-provisioner")!;
    expect(noProvisioner.range.start).toEqual({ line: 14, character: 10 });
    expect(noProvisioner.severity).toBe(1);
    expect(noProvisioner.message).toContain('did you mean "kafka-topic"?');
    expect(type!.shownBefore).toContainEqual(expect.objectContaining({ lnum: 14, col: 10, severity: 1 }));
    expect(type!.titles).toContain('Change type to "kafka-topic"');
    expect(type!.applied).toBe('Change type to "kafka-topic"');
    expect(type!.after.map((d) => d.code)).not.toContain("provision/no-provisioner");

    // The misspelt output: at `${resources.db.pasword}` (line 10, column 23).
    const missing = output!.received.find((d) => d.code === "provision/missing-output")!;
    expect(missing.range.start).toEqual({ line: 9, character: 22 });
    expect(missing.message).toContain('did you mean "password"?');
    expect(output!.applied).toBe("Change to ${resources.db.password}");
    expect(output!.after).toEqual([]);
    expect(output!.shownAfter).toEqual([]);

    // The buffer holds both fixes (unsaved: the file on disk is untouched), and the server stopped cleanly.
    expect(outcome.lines.join("\n") + "\n").toBe(original.replace("type: kafak", "type: kafka-topic").replace("db.pasword}", "db.password}"));
    expect(outcome.modified).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(outcome.stopped).toBe(true);
  }, 120_000);
});
