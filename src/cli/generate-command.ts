// `scorec generate PATHS --target T -o DIR`. Registration only: the work lives in generate-action.ts and
// is imported when the command runs, so other commands do not pay for loading the compiler.
import type { Command } from "commander";
import { TARGET_NAMES } from "../emit/targets.js";
import type { GenerateFlags } from "./generate-action.js";
import { collectList } from "./common-options.js";
import type { CliIO } from "./main.js";

export function registerGenerate(program: Command, io: CliIO): void {
  program
    .command("generate")
    .description("compile Score files into a target's files (compose.yaml, Helm values, Terraform tfvars)")
    .argument("[paths...]", "Score files or directories (default: .); - reads stdin")
    .option("-t, --target <name>", `target: ${TARGET_NAMES.join(", ")} (default: config, else compose)`)
    .option("-o, --output <dir>", "output folder; - prints to stdout", ".")
    .option("--env <name>", "environment for provisioner selection (default: config, else dev)")
    .option("--seed <seed>", "seed of generated names and passwords (visible in shell history: prefer --seed-file)")
    .option("--seed-file <file>", "read the seed from a file (else SCOREC_SEED, else the config's seed, else a public default)")
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("--allow-cmd-provisioners", "allow cmd:// provisioners to run programs")
    .option("--cmd-timeout <ms>", "timeout of one cmd:// provisioner run", "30000")
    .option("--image <image>", 'image for containers whose image is "."')
    .option("--build <container=dir>", "build a container from a folder (repeatable)", collectList, [])
    .option("--publish <host:workload:port>", "publish a workload port on the host (repeatable)", collectList, [])
    .option("--override-property <path=value>", "set (or with an empty value remove) a Score property (repeatable)", collectList, [])
    .option("--overrides-file <file>", "a YAML merge patch applied to the Score file")
    .option("--patch-templates <file>", "compose: a Go template printing patch operations (op set|delete, path, value) applied to compose.yaml (repeatable, in order)", collectList, [])
    .option("--project-name <name>", "Compose project / release name (default: the Score files' folder, or the current folder when they come from several)")
    .option("--write-chart", "helm: also write scorec's chart into the output folder (chart/)")
    .option("--check", "do not write: exit 1 with a diff when the output on disk is stale")
    .option("-f, --format <format>", "format of findings (on stderr)", "pretty")
    .option("--color", "force colour")
    .option("--no-color", "never colour")
    .option("--max-file-size <bytes>", "largest Score file accepted")
    .option("--config <file>", "config file (default: .scorec/config.yaml found from the inputs upwards)")
    .action(async (paths: string[], flags: GenerateFlags) => (await import("./generate-action.js")).generateAction(paths, flags, io));
}
