// `scorec provisioners list` and `scorec resources list`: what would provide what, as a table or JSON.
// The compiler is imported when a command runs, not when the CLI starts.
import type { Command } from "commander";
import { loadTarget, TARGET_NAMES } from "../emit/targets.js";
import { CliError, EXIT_OK, exitCodeFor } from "./exit-codes.js";
import { configPaths, loadConfigOrFail } from "./config.js";
import { collectList } from "./common-options.js";
import type { CliIO } from "./main.js";
import { readInputs } from "./read-inputs.js";
import { table } from "./table.js";
import { formatResult } from "./output.js";

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

  program
    .command("resources")
    .description("resource commands")
    .command("list")
    .description("list the resources of Score files, their provisioner and outputs")
    .argument("[paths...]", "Score files or directories")
    .option("-t, --target <name>", `target: ${TARGET_NAMES.join(", ")}`)
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("--env <name>", "environment")
    .option("--format <format>", "table or json", "table")
    .option("--config <file>", "config file (default: .scorec/config.yaml found from the inputs upwards)")
    .action(async (paths: string[], flags: ListFlags) => {
      checkFormat(flags.format);
      const root = process.cwd();
      const inputs = readInputs(paths);
      const loaded = loadConfigOrFail(inputs, flags.config);
      const config = loaded.config;
      const { generate } = await import("../api/generate.js");
      const result = await generate(inputs, {
        target: flags.target ?? config.target ?? "compose",
        outputDir: ".",
        environment: flags.env ?? config.environment,
        seed: config.seed,
        provisioners: [...flags.provisioners, ...configPaths(loaded, "provisioners")],
        root,
        emit: false, // listing needs provisioning only
      });
      const code = exitCodeFor(result.diagnostics);
      if (code !== EXIT_OK) {
        io.err(formatResult(result, result.diagnostics.filter((d) => d.severity === "error"), { format: "pretty", color: false, quiet: true }));
        return io.setExit(code);
      }
      const resources = [...(result.provision?.resources.values() ?? [])].map((r) => ({
        uid: r.uid,
        type: r.type,
        class: r.class,
        id: r.id,
        workloads: r.workloads,
        provisioner: r.provisioner.uri,
        outputs: Object.keys(r.outputs).sort(),
      }));
      if (flags.format === "json") io.out(JSON.stringify({ version: 1, resources }, null, 2) + "\n");
      else io.out(table(["UID", "WORKLOADS", "PROVISIONER", "OUTPUTS"], resources.map((r) => [r.uid, r.workloads.join(","), r.provisioner, r.outputs.join(",")])));
      io.setExit(EXIT_OK);
    });
}
