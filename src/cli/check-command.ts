// `scorec check [paths…]`: the lint gate. Runs what the language server runs for a buffer (src/api/lint.ts):
// validation, checks, policies, rule settings and — unless --no-provision — provisioning without writing,
// so an unknown resource type or a misspelt output fails here, not only in `generate`.
import type { Command } from "commander";
import { lint, type LintResult } from "../api/lint.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleMeta } from "../diagnostics/rules.js";
import { TARGET_NAMES } from "../emit/targets.js";
import { displayPath } from "../load/discover.js";
import { loadPolicyOptions, type LoadedPolicyOptions } from "../policy/load-policies.js";
import { useColor } from "./color.js";
import { type CommonOptions, collectList, parseLimitsOptions, regoVersionOption, wholeNumber } from "./common-options.js";
import { configGroups, configPaths } from "./config.js";
import { CliError, conftestExitCode, exitCodeFor } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import { FORMATS, formatResult } from "./output.js";
import { readInputs } from "./read-inputs.js";
import { runSummary } from "./run-summary.js";

interface CheckFlags extends CommonOptions {
  format: string;
  quiet?: boolean;
  maxWarnings?: string;
  color?: boolean;
  policy: string[];
  data: string[];
  namespace: string[];
  allNamespaces?: boolean;
  combine?: boolean;
  failOnWarn?: boolean;
  env?: string;
  target?: string;
  provisioners: string[];
  provision: boolean;
  allowCmdProvisioners?: boolean;
  cmdTimeout?: string;
  config?: string;
  regoVersion?: string;
}

function targetsOf(name: string): string[] {
  if (name === "all") return [...TARGET_NAMES];
  if (!TARGET_NAMES.includes(name)) throw new CliError(`unknown target "${name}" (choose one of: ${TARGET_NAMES.join(", ")}, all)`);
  return [name];
}

export function registerCheck(program: Command, io: CliIO): void {
  program
    .command("check")
    .description("validate Score files (YAML, schema, semantics, policies, provisioning) and report findings; writes nothing")
    .argument("[paths...]", "Score files or directories (default: .); - reads stdin")
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "pretty")
    .option("-q, --quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings")
    .option("-p, --policy <path>", "Rego policy file/folder or OPA-WASM bundle (repeatable)", collectList, [])
    .option("-d, --data <file>", "JSON/YAML document merged into policy data (repeatable)", collectList, [])
    .option("-n, --namespace <glob>", "policy namespace(s) to evaluate (repeatable; default main)", collectList, [])
    .option("--all-namespaces", "evaluate every policy namespace")
    .option("--combine", "give policies all workloads as one input array")
    .option("--fail-on-warn", "conftest exit codes: 2 for failures, 1 for warnings only")
    .option("-t, --target <name>", `target whose provisioners resources are matched against: ${TARGET_NAMES.join(", ")} or all (default: config, else compose)`)
    .option("--env <name>", "environment for provisioner selection and policies (data.scorec.environment)")
    .option("--provisioners <path>", "provisioner file or folder (repeatable)", collectList, [])
    .option("--no-provision", "skip provisioning (no resource/output checks)")
    .option("--allow-cmd-provisioners", "run cmd:// provisioners (otherwise their outputs are unknown and not checked)")
    .option("--cmd-timeout <ms>", "timeout of one cmd:// provisioner run", "30000")
    .option("--rego-version <v0|v1>", "Rego syntax of .rego policies (default v1; v0 adds the deprecated builtins)")
    .option("--config <file>", "config file (default: .scorec/config.yaml found from each input upwards)")
    .option("--color", "force colour")
    .option("--no-color", "never colour")
    .option("--max-file-size <bytes>", "largest Score file accepted (default 5242880)")
    .action(async (paths: string[], flags: CheckFlags) => {
      const root = process.cwd();
      const maxWarnings = flags.maxWarnings === undefined ? undefined : wholeNumber(flags.maxWarnings, "--max-warnings");
      const cmdTimeoutMs = wholeNumber(flags.cmdTimeout ?? "30000", "--cmd-timeout");
      const inputs = readInputs(paths);
      const runs: { result: LintResult; policy?: LoadedPolicyOptions; config?: string; environment: string }[] = [];
      for (const { loaded, inputs: group } of configGroups(inputs, flags.config, root)) {
        const config = loaded.config;
        const policyPaths = [...flags.policy, ...configPaths(loaded, "policies")];
        const environment = flags.env ?? config.environment ?? "dev";
        const limits = { ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}), ...parseLimitsOptions(flags) };
        const policy = policyPaths.length
          ? await loadPolicyOptions({
              paths: policyPaths,
              dataPaths: [...flags.data, ...configPaths(loaded, "data")],
              namespaces: flags.namespace.length ? flags.namespace : config.namespaces,
              allNamespaces: flags.allNamespaces,
              combine: flags.combine,
              environment,
              regoVersion: regoVersionOption(flags.regoVersion ?? config.regoVersion),
              root,
              maxFileSize: limits.maxFileSize,
            })
          : undefined;
        const result = await lint(group, {
          root,
          limits,
          policy,
          rules: config.rules,
          ...(flags.provision
            ? {
                provision: {
                  targets: targetsOf(flags.target ?? config.target ?? "compose"),
                  environment,
                  provisioners: [...flags.provisioners, ...configPaths(loaded, "provisioners")],
                  allowCmdProvisioners: Boolean(flags.allowCmdProvisioners),
                  cmdTimeoutMs,
                  seed: config.seed,
                },
              }
            : {}),
        });
        runs.push({ result, policy, config: loaded.path ? displayPath(loaded.path, root) : undefined, environment });
      }
      const diagnostics: Diagnostic[] = runs.flatMap((r) => r.result.diagnostics);
      const merged = { ...runs[0]!.result, tree: { ...runs[0]!.result.tree, inputs: runs.flatMap((r) => r.result.tree.inputs) }, diagnostics };
      const rules: RuleMeta[] = runs.flatMap((r) => r.policy?.registry.all() ?? []);
      const color = useColor(flags.color);
      let out = formatResult(merged, diagnostics, { format: flags.format, color, quiet: Boolean(flags.quiet), rules });
      const code = flags.failOnWarn ? conftestExitCode(diagnostics) : exitCodeFor(diagnostics, { maxWarnings });
      if (flags.format === "pretty") {
        out += runSummary({
          files: merged.tree.inputs.length,
          targets: runs[0]!.result.targets,
          environment: runs[0]!.environment,
          policies: runs.map((r) => r.policy).filter((p): p is LoadedPolicyOptions => p !== undefined),
          configs: runs.map((r) => r.config),
          diagnostics,
          exitCode: code,
          maxWarnings,
          failOnWarn: Boolean(flags.failOnWarn),
        });
      }
      io.out(out);
      io.setExit(code);
    });
}
