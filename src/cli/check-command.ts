// `scorec check [paths…]`: the lint gate.
import type { Command } from "commander";
import { check } from "../api/check.js";
import { isBuiltinRef } from "../policy/builtin-pack.js";
import { loadPolicyOptions } from "../policy/load-policies.js";
import { useColor } from "./color.js";
import { type CommonOptions, collectList, parseLimitsOptions, regoVersionOption, wholeNumber } from "./common-options.js";
import { loadConfigOrFail } from "./config.js";
import { conftestExitCode, exitCodeFor } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import { FORMATS, formatResult } from "./output.js";
import { readInputs } from "./read-inputs.js";
import { resolve } from "node:path";

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
  regoVersion?: string;
}

export function registerCheck(program: Command, io: CliIO): void {
  program
    .command("check")
    .description("validate Score files (YAML, schema, semantics, policies) and report findings")
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
    .option("--rego-version <v0|v1>", "Rego syntax of .rego policies (default v1; v0 adds the deprecated builtins)")
    .option("--env <name>", "environment, visible to policies as data.scorec.environment")
    .option("--color", "force colour")
    .option("--no-color", "never colour")
    .option("--max-file-size <bytes>", "largest Score file accepted (default 5242880)")
    .action(async (paths: string[], flags: CheckFlags) => {
      const root = process.cwd();
      const config = loadConfigOrFail(root);
      const limits = { ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}), ...parseLimitsOptions(flags) };
      const policyPaths = [...flags.policy, ...(config.policies ?? []).map((p) => (isBuiltinRef(p) ? p : resolve(root, p)))];
      const policy = policyPaths.length
        ? await loadPolicyOptions({
            paths: policyPaths,
            dataPaths: [...flags.data, ...(config.data ?? []).map((p) => resolve(root, p))],
            namespaces: flags.namespace.length ? flags.namespace : config.namespaces,
            allNamespaces: flags.allNamespaces,
            combine: flags.combine,
            environment: flags.env ?? config.environment,
            regoVersion: regoVersionOption(flags.regoVersion ?? config.regoVersion),
            root,
            maxFileSize: limits.maxFileSize,
          })
        : undefined;
      const result = check(readInputs(paths), {
        root,
        limits,
        policy,
        rules: config.rules,
      });
      const maxWarnings = flags.maxWarnings === undefined ? undefined : wholeNumber(flags.maxWarnings, "--max-warnings");
      io.out(
        formatResult(result, result.diagnostics, {
          format: flags.format,
          color: useColor(flags.color),
          quiet: Boolean(flags.quiet),
          rules: policy?.registry.all(),
        }),
      );
      io.setExit(flags.failOnWarn ? conftestExitCode(result.diagnostics) : exitCodeFor(result.diagnostics, { maxWarnings }));
    });
}
