// The golden-path commands (init, add resource, graph), registered together so main.ts names them once.
import type { Command } from "commander";
import type { AddResourceFlags } from "./add-action.js";
import { collectList } from "./common-options.js";
import type { GraphFlags } from "./graph-action.js";
import { registerInit } from "./init-command.js";
import type { CliIO } from "./main.js";

export function registerGoldenPaths(program: Command, io: CliIO): void {
  registerInit(program, io);
  program
    .command("add")
    .description("add to a Score file")
    .command("resource")
    .description("add a resource to a Score file (in place, comments kept) and list the outputs it offers")
    .argument("<name>", "resource name in the workload")
    .requiredOption("--type <type>", "resource type (one a provisioner of the target provides)")
    .option("--class <class>", "resource class")
    .option("--id <id>", "resource id (the same id in several workloads is one shared resource)")
    .option("--param <key=value>", "a param; the value is read as a YAML scalar (repeatable)", collectList, [])
    .option("-f, --file <path>", "the Score file to edit", "score.yaml")
    .option("-t, --target <name>", "target whose provisioners are asked (default: config, else compose)")
    .option("--env <name>", "environment for provisioner selection (default: config, else dev)")
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("--force", "add a type no provisioner provides")
    .action(async (name: string, flags: AddResourceFlags) => (await import("./add-action.js")).addResourceAction(name, flags, io));
  program
    .command("graph")
    .description("draw workloads → resources → provisioners, with findings marked")
    .argument("[paths...]", "Score files or directories (default: .)")
    .option("--format <format>", "mermaid, dot, html or json", "mermaid")
    .option("-t, --target <name>", "target whose provisioners are used (default: config, else compose)")
    .option("--env <name>", "environment for provisioner selection (default: config, else dev)")
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (paths: string[], flags: GraphFlags) => (await import("./graph-action.js")).graphAction(paths, flags, io));
}
