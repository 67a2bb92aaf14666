// `scorec provisioners list`, `scorec resources list` and `scorec resources get-outputs`: what would provide
// what, as a table or JSON (the resources commands live in resources-action.ts).
// The compiler is imported when a command runs, not when the CLI starts.
import type { Command } from "commander";
import { loadTarget, TARGET_NAMES } from "../emit/targets.js";
import { CliError, EXIT_OK } from "./exit-codes.js";
import { configPaths, loadConfigOrFail } from "./config.js";
import { collectList } from "./common-options.js";
import type { CliIO } from "./main.js";
import { table } from "./table.js";
import type { ResourcesFlags } from "./resources-action.js";

interface ListFlags {
  target?: string;
  provisioners: string[];
  env?: string;
  format: string;
  config?: string;
}

function checkFormat(f: string): void {
  if (f !== "table" && f !== "json") throw new CliError(`--format takes table or json, got "${f}"`);
}

export function registerListCommands(program: Command, io: CliIO): void {
  program
    .command("provisioners")
    .description("provisioner commands")
    .command("list")
    .description("list the provisioners in match order (first match wins)")
    .option("-t, --target <name>", `target: ${TARGET_NAMES.join(", ")}`)
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("--format <format>", "table or json", "table")
    .option("--config <file>", "config file (default: .scorec/config.yaml found from the inputs upwards)")
    .action(async (flags: ListFlags) => {
      checkFormat(flags.format);
      const root = process.cwd();
      const loaded = loadConfigOrFail(root, flags.config);
      const config = loaded.config;
      const targetName = flags.target ?? config.target ?? "compose";
      const target = await loadTarget(targetName);
      if (!target) throw new CliError(`unknown target "${targetName}" (choose one of: ${TARGET_NAMES.join(", ")})`);
      const { loadProvisioners, projectProvisionerPaths } = await import("../provision/load-provisioners.js");
      const set = loadProvisioners({
        builtInDir: target.defaultProvisionersDir,
        paths: projectProvisionerPaths(root, [...flags.provisioners, ...configPaths(loaded, "provisioners")]),
      });
      // A provisioner limited to other targets (`targets: [...]`) never matches here: not listed.
      const rows = set.provisioners.filter((p) => !p.spec.targets || p.spec.targets.includes(target.name)).map((p) => ({
        uri: p.spec.uri,
        type: p.spec.type,
        class: p.spec.class ?? "*",
        id: p.spec.id ?? "*",
        environments: p.spec.environments ?? [],
        targets: p.spec.targets ?? [],
        file: p.file,
        outputs: p.spec.expected_outputs ?? [],
      }));
      if (flags.format === "json") io.out(JSON.stringify({ version: 1, target: target.name, provisioners: rows }, null, 2) + "\n");
      else io.out(table(["TYPE", "CLASS", "ID", "ENVIRONMENTS", "URI", "FILE"], rows.map((r) => [r.type, r.class, r.id, r.environments.join(",") || "*", r.uri, r.file])));
      io.setExit(EXIT_OK);
    });

  const resources = program.command("resources").description("resource commands (provisioned as generate would, nothing written)");
  const provisioningOptions = (c: Command): Command =>
    c
      .argument("[paths...]", "Score files or directories (default: .)")
      .option("-t, --target <name>", `target: ${TARGET_NAMES.join(", ")}`)
      .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
      .option("--env <name>", "environment")
      .option("--seed <seed>", "seed of generated names and passwords, as for generate")
      .option("--seed-file <file>", "read the seed from a file, as for generate")
      .option("--allow-cmd-provisioners", "allow cmd:// provisioners to run programs")
      .option("--cmd-timeout <ms>", "timeout of one cmd:// provisioner run", "30000")
      .option("--project-name <name>", "Compose project / release name, as for generate")
      .option("--max-file-size <bytes>", "largest Score file accepted")
      .option("--config <file>", "config file (default: .scorec/config.yaml found from the inputs upwards)");
  provisioningOptions(resources.command("list").description("list the resources of Score files, their provisioner and outputs"))
    .option("--format <format>", "table or json", "table")
    .action(async (paths: string[], flags: ResourcesFlags) => (await import("./resources-action.js")).resourcesListAction(paths, flags, io));
  provisioningOptions(
    resources
      .command("get-outputs")
      .description("print the outputs of one provisioned resource (secrets masked unless --show-secrets)")
      .argument("<uid>", "resource uid, TYPE.CLASS#ID (see resources list)"),
  )
    .option("-f, --format <format>", "json, yaml, or a Go template over the outputs (sprig functions)", "json")
    .option("--show-secrets", "print secret outputs (passwords, tokens…) instead of masking them")
    .action(async (uid: string, paths: string[], flags: ResourcesFlags) => (await import("./resources-action.js")).resourcesGetOutputsAction(uid, paths, flags, io));
}
