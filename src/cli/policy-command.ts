// `scorec policy test [DIR…]`: the policy pack's own unit tests, like `opa test`, ending with `N passed, M failed`.
import { readFileBounded, ReadRefusal } from "../load/bounded-read.js";
import { DEFAULT_LIMITS } from "../parse/limits.js";
import type { Command } from "commander";
import { displayPath } from "../load/discover.js";
import { builtinRules, resolvePolicyRefs } from "../policy/builtin-pack.js";
import { walkPolicyFiles } from "../policy/load-policies.js";
import { v0Hint } from "../policy/v0-hint.js";
import { collectList, regoVersionOption } from "./common-options.js";
import { loadConfigOrFail } from "./config.js";
import { table } from "./table.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "./exit-codes.js";
import type { CliIO } from "./main.js";
import type { CoverageReport } from "../rego/index.js";

function regoFiles(refs: string[]): string[] {
  const { paths, unknown } = resolvePolicyRefs(refs, process.cwd());
  if (unknown.length) throw new CliError(unknown.map((u) => u.message).join("; "));
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of paths) walkPolicyFiles(p, found, missing);
  if (missing.length) throw new CliError(`cannot read ${missing.join(", ")}: no such file or directory`);
  return found.filter((f) => f.endsWith(".rego"));
}

interface TestFlags {
  run?: string;
  format: string;
  data: string[];
  regoVersion?: string;
  verbose?: boolean;
  coverage?: boolean;
  trace?: boolean;
  explain?: string;
}

/** The coverage report in words: overall percentage, then each file's percentage and uncovered lines. */
function coverageText(c: CoverageReport): string {
  const pct = (n: number) => `${n.toFixed(2)}%`;
  let out = `coverage ${pct(c.coverage)} (${c.covered_lines} of ${c.covered_lines + c.not_covered_lines} lines)\n`;
  for (const [file, fc] of Object.entries(c.files)) {
    const missing = (fc.not_covered ?? []).map((r) => (r.start.row === r.end.row ? `${r.start.row}` : `${r.start.row}-${r.end.row}`));
    out += `  ${file}  ${pct(fc.coverage ?? 0)}${missing.length ? `  not covered: ${missing.join(", ")}` : ""}\n`;
  }
  return out;
}

function filterOf(run: string | undefined): RegExp | undefined {
  if (run === undefined) return undefined;
  try {
    return new RegExp(run);
  } catch (e) {
    throw new CliError(`--run: invalid regular expression: ${(e as Error).message}`);
  }
}

export function registerPolicyCommand(program: Command, io: CliIO): void {
  const policy = program.command("policy").description("policy commands");
  policy
    .command("list")
    .description("list the built-in policy pack's rules (use them with --policy builtin: or builtin:ID)")
    .option("--format <format>", "table or json", "table")
    .action((flags: { format: string }) => {
      const rules = builtinRules();
      if (flags.format === "json") io.out(JSON.stringify({ version: 1, rules: rules.map(({ id, severity, title }) => ({ id, severity, title })) }, null, 2) + "\n");
      else io.out(table(["ID", "SEVERITY", "TITLE"], rules.map((r) => [r.id, r.severity, r.title])));
    });
  policy
    .command("test")
    .description("run test_* rules of Rego policies (like opa test / conftest verify)")
    .argument("[paths...]", "Rego files or folders, or builtin: for the built-in pack (default: policies); data.json/data.yaml inside them are loaded")
    .option("-r, --run <regex>", "only tests whose namespace.name matches")
    .option("-d, --data <path>", "JSON/YAML data file or folder merged into data (repeatable)", collectList, [])
    .option("--rego-version <v0|v1>", "Rego syntax (default v1; v0 adds the deprecated builtins)")
    .option("-v, --verbose", "list every test, passed ones too, with print() output")
    .option("-c, --coverage", "report the policy lines the tests cover (opa test --coverage's JSON under --format json)")
    .option("--explain <mode>", "evaluation trace under failing tests: fails, full or notes (like opa test -v --explain)")
    .option("--trace", "same as --explain full")
    .option("--format <format>", "pretty or json", "pretty")
    .action(async (paths: string[], flags: TestFlags) => {
      const { runPolicyTests } = await import("../policy/policy-test.js");
      const { loadTestData, TestDataError } = await import("../policy/test-data.js");
      const config = loadConfigOrFail(process.cwd()).config;
      const tested = paths.length ? paths : ["policies"];
      const files = regoFiles(tested);
      if (files.length === 0) throw new CliError(`no .rego files in ${tested.join(", ")}`);
      let data: Record<string, unknown>;
      try {
        data = loadTestData(resolvePolicyRefs(tested, process.cwd()).paths, flags.data);
      } catch (e) {
        if (e instanceof TestDataError) throw new CliError(e.message);
        throw e;
      }
      const modules = files.map((p) => {
        try {
          return { path: displayPath(p), source: readFileBounded(p, DEFAULT_LIMITS.maxFileSize).toString("utf8") };
        } catch (e) {
          throw new CliError(`cannot read ${displayPath(p)}: ${e instanceof ReadRefusal ? e.message : String(e)}`);
        }
      });
      const regoVersion = regoVersionOption(flags.regoVersion ?? config.regoVersion) ?? 1;
      const { EXPLAIN_MODES } = await import("../policy/test-trace.js");
      const explain = flags.explain ?? (flags.trace ? "full" : undefined);
      if (explain !== undefined && !(EXPLAIN_MODES as readonly string[]).includes(explain))
        throw new CliError(`--explain: expected ${EXPLAIN_MODES.join(", ")}, got "${explain}"`);
      const run = runPolicyTests(modules, {
        filter: filterOf(flags.run),
        data,
        regoVersion,
        ...(flags.coverage ? { coverage: true } : {}),
        ...(explain ? { explain: explain as "full" | "fails" | "notes" } : {}),
      });
      if (run.compileErrors.length) {
        for (const e of run.compileErrors)
          io.err(`${e.location ? `${e.location.file}:${e.location.row}:${e.location.col}: ` : ""}${e.code}: ${e.message}${v0Hint(e, regoVersion)}\n`);
        return io.setExit(EXIT_USAGE);
      }
      const passed = run.results.filter((r) => r.passed).length;
      const failed = run.results.length - passed;
      if (flags.format === "json") {
        const coverage = run.coverage ? { coverage: run.coverage } : {};
        io.out(JSON.stringify({ version: 1, results: run.results, summary: { passed, failed }, ...coverage }, null, 2) + "\n");
      } else {
        for (const r of run.results) {
          if (r.passed && !flags.verbose) continue;
          io.out(`${r.passed ? "PASS" : "FAIL"}  ${r.file}:${r.line}  ${r.namespace}.${r.name}${r.reason ? `  (${r.reason})` : ""}\n`);
          if (!r.passed || flags.verbose) for (const l of r.output ?? []) io.out(`    ${l}\n`);
          if (r.trace) for (const l of r.trace) io.out(`    ${l}\n`);
        }
        if (run.coverage) io.out(coverageText(run.coverage));
        io.out(`${passed} passed, ${failed} failed\n`);
      }
      io.setExit(failed ? EXIT_FINDINGS : EXIT_OK);
    });
}
