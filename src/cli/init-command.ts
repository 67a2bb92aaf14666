// `scorec init [DIR]`: scaffold a workload from a built-in or platform-owned template. Registration only;
// the work is in init-action.ts, imported when the command runs.
import type { Command } from "commander";
import { collectList } from "./common-options.js";
import type { InitFlags } from "./init-action.js";
import type { CliIO } from "./main.js";

export function registerInit(program: Command, io: CliIO): void {
  program
    .command("init")
    .description("scaffold a new workload (score.yaml, .scorec/config.yaml) from a template")
    .argument("[dir]", "folder of the new workload (created when missing)", ".")
    .option("--template <name|dir>", "built-in template (web-service, worker, cron) or a template folder", "web-service")
    .option("--set <name=value>", "set a template variable (repeatable)", collectList, [])
    .option("--provisioners", "also write the template's example provisioner file")
    .option("--force", "replace files that already exist")
    .option("--list", "list the built-in templates and their variables")
    .action(async (dir: string, flags: InitFlags) => (await import("./init-action.js")).initAction(dir, flags, io));
}
