// `scorec chart path`: where the Helm chart that the helm target's values are for is installed, so an
// installed scorec needs no path into its own package (`helm template app "$(npx scorec chart path)" -f …`).
import type { Command } from "commander";
import type { CliIO } from "./main.js";

export function registerChartCommand(program: Command, io: CliIO): void {
  program
    .command("chart")
    .description("the Helm chart of the helm target")
    .command("path")
    .description("print the folder of scorec's workload chart (or use generate -t helm --write-chart)")
    .action(async () => {
      const { chartDir } = await import("../../targets/helm/index.js");
      io.out(chartDir() + "\n");
    });
}
