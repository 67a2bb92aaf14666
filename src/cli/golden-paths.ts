// The golden-path commands (init, add resource, graph), registered together so main.ts names them once.
import type { Command } from "commander";
import { registerInit } from "./init-command.js";
import type { CliIO } from "./main.js";

export function registerGoldenPaths(program: Command, io: CliIO): void {
  registerInit(program, io);
}
