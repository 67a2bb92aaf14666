// `scorec policy test [DIR…]`: the policy pack's own unit tests, ending with `N passed, M failed`.
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import type { Command } from "commander";
import { displayPath } from "../load/discover.js";
import { walkPolicyFiles } from "../policy/load-policies.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIO } from "./main.js";

function regoFiles(paths: string[]): string[] {
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of paths) walkPolicyFiles(p, found, missing);
  if (missing.length) throw new CliError(`cannot read ${missing.join(", ")}: no such file or directory`);
  return found.filter((f) => f.endsWith(".rego"));
}

export function registerPolicyCommand(program: Command, io: CliIO): void {
  program
    .command("policy")
    .description("policy commands")
    .command("test")
    .description("run test_* rules of Rego policies (like opa test / conftest verify)")
    .argument("[paths...]", "Rego files or folders (default: policies)")
    .option("-r, --run <regex>", "only tests whose namespace.name matches")
    .option("--format <format>", "pretty or json", "pretty")
    .action(async (paths: string[], flags: { run?: string; format: string }) => {
      const { runPolicyTests } = await import("../policy/policy-test.js");
      const files = regoFiles(paths.length ? paths : ["policies"]);
      if (files.length === 0) throw new CliError(`no .rego files in ${paths.join(", ") || "policies"}`);
      const modules = files.map((p) => {
        try {
          return { path: displayPath(p), source: readFileBounded(p, DEFAULT_LIMITS.maxFileSize).toString("utf8") };
        } catch (e) {
          throw new CliError(`cannot read ${displayPath(p)}: ${e instanceof ReadRefusal ? e.message : String(e)}`);
        }
      });
      const run = runPolicyTests(modules, { filter: flags.run ? new RegExp(flags.run) : undefined });
      if (run.compileErrors.length) {
        for (const e of run.compileErrors) io.err(`${e.location ? `${e.location.file}:${e.location.row}:${e.location.col}: ` : ""}${e.code}: ${e.message}\n`);
        return io.setExit(EXIT_USAGE);
      }
      const passed = run.results.filter((r) => r.passed).length;
      const failed = run.results.length - passed;
      if (flags.format === "json") {
        io.out(JSON.stringify({ version: 1, results: run.results, summary: { passed, failed } }, null, 2) + "\n");
      } else {
        for (const r of run.results) io.out(`${r.passed ? "PASS" : "FAIL"}  ${r.file}:${r.line}  ${r.namespace}.${r.name}${r.reason ? `  (${r.reason})` : ""}\n`);
        io.out(`${passed} passed, ${failed} failed\n`);
      }
      io.setExit(failed ? EXIT_FINDINGS : EXIT_OK);
    });
}
