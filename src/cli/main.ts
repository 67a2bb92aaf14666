// The command line. The only module that touches stdout, stderr and the exit code.
import { Command, CommanderError } from "commander";
import { packageVersion } from "../package-root.js";
import { registerChartCommand } from "./chart-command.js";
import { registerCheck } from "./check-command.js";
import { registerGenerate } from "./generate-command.js";
import { registerGoldenPaths } from "./golden-paths.js";
import { registerListCommands } from "./list-commands.js";
import { registerPolicyCommand } from "./policy-command.js";
import { CliError, EXIT_USAGE } from "./exit-codes.js";

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (n: number) => void;
}

const processIO: CliIO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  setExit: (n) => void (process.exitCode = n),
};

export function buildProgram(io: CliIO): Command {
  const program = new Command("scorec")
    .description("A pure, deterministic Score workload compiler and policy linter")
    .version(packageVersion(), "-v, --version")
    .option("--debug", "print stack traces of internal errors")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerCheck(program, io);
  registerGenerate(program, io);
  registerListCommands(program, io);
  registerPolicyCommand(program, io);
  registerChartCommand(program, io);
  registerGoldenPaths(program, io);
  program
    .command("lsp")
    .description("run the language server over stdio (for editors)")
    .option("--stdio", "accepted for editor clients that pass it; stdio is the only transport")
    .action(async () => {
      const { runLsp } = await import("../lsp/server.js");
      runLsp();
      // The server keeps the process alive until the client sends exit.
      await new Promise<never>(() => {});
    });
  return program;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<void> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is a usage error.
      io.setExit(e.exitCode === 0 ? 0 : EXIT_USAGE);
      return;
    }
    if (e instanceof CliError) {
      io.err(`scorec: ${e.message}\n`);
    } else {
      const debug = program.opts().debug || argv.includes("--debug");
      io.err(`scorec: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? "" : " (run with --debug for the stack)"}\n`);
      if (debug && e instanceof Error && e.stack) io.err(e.stack + "\n");
    }
    io.setExit(EXIT_USAGE);
  }
}
