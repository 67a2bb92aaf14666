// Runs the score-compose cases as run_cases.py does: copy each case folder to a temp folder, run its cmd.txt
// (`scorec …`, here through the CLI's main() in a batch process), then judge by meta.json mode (exact | contains | error | custom |
// smoke). Every compose.yaml produced is validated against the compose-spec schema the runner uses.
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { corpus, REPO } from "../helpers/paths.js";
import { applyRandom, describe as describeDiff, diff, systematic } from "./case-diff.js";

export const CASES_DIR = corpus("score-compose-cases", "cases");

export interface CaseMeta {
  source: string;
  mode: "exact" | "contains" | "error" | "custom" | "smoke";
  error?: string;
  random?: Record<string, string>;
  contains?: string[];
}

export interface CaseResult {
  name: string;
  meta: CaseMeta;
  rc: number;
  stderr: string;
  /** undefined when no compose.yaml was written. */
  schemaErrors?: string[];
  /** Every failure, as run_cases.py lists them. */
  fails: string[];
  /** run_cases.py's "match modulo systematic differences S1–S3". */
  matchModuloSystematic: boolean;
}

let validateCompose: ((v: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
function composeSchemaErrors(doc: unknown): string[] {
  if (!validateCompose) {
    const schema = JSON.parse(readFileSync(corpus("compose-spec", "compose-spec.json"), "utf8"));
    // It declares draft-07 by an https URI ajv does not know by that spelling; ajv's default dialect is draft-07.
    delete schema.$schema;
    const ajv = new Ajv.default({ allErrors: true, strict: false, validateFormats: false });
    validateCompose = ajv.compile(schema) as typeof validateCompose;
  }
  return validateCompose(doc) ? [] : (validateCompose.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<{ rc: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const p = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    // A missing program (python3) fails the case that needs it, with the reason.
    p.on("error", (e) => resolvePromise({ rc: 127, stdout, stderr: `${cmd}: ${e.message}` }));
    p.on("close", (code) => resolvePromise({ rc: code ?? 1, stdout, stderr }));
    p.stdin.end(opts.input ?? "");
  });
}

// checks.py gets the parsed compose as JSON (PyYAML-equivalent: YAML 1.1) and the output folder.
const CHECK_DRIVER = `
import json, sys
ns = {}
exec(open(sys.argv[1]).read(), ns)
compose = json.load(sys.stdin)
try:
    fails = ns["check"](compose, sys.argv[2])
except Exception as e:
    fails = ["check raised %s: %s" % (type(e).__name__, e)]
print(json.dumps(list(fails)))
`;

function caseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.UNKNOWN_SCORE_VARIABLE;
  delete env.FORCE_COLOR;
  return env;
}

/** Judges a case whose cmd.txt already ran in `wd` with exit code `rc`. */
export async function judgeCase(name: string, wd: string, p: { rc: number; stderr: string }): Promise<CaseResult> {
  const src = join(CASES_DIR, name);
  const meta = JSON.parse(readFileSync(join(src, "meta.json"), "utf8")) as CaseMeta;
  const env = caseEnv();
  const outdir = join(wd, "out");
  const cpath = join(outdir, "compose.yaml");
  let raw: string | undefined;
  let compose: unknown;
  let schemaErrors: string[] | undefined;
  if (existsSync(cpath)) {
    raw = readFileSync(cpath, "utf8");
    compose = parse(raw, { version: "1.1" });
    schemaErrors = composeSchemaErrors(compose);
  }
  const fails: string[] = [];
  let realDiffs = 0;
  let otherFails = 0;
  if (meta.mode === "error") {
    if (p.rc === 0) fails.push(`scorec accepted the input (exit 0); score-compose fails with: ${meta.error}`);
  } else if (p.rc !== 0 || raw === undefined) {
    fails.push(`scorec failed (exit ${p.rc}): ${p.stderr.trim().slice(-800)}`);
    otherFails++;
  } else {
    if (meta.mode === "exact") {
      const expText = readFileSync(join(src, "expected.yaml"), "utf8");
      const act = parse(applyRandom(raw, meta.random ?? {}), { version: "1.1" });
      for (const d of diff(parse(expText, { version: "1.1" }), act)) {
        const s = systematic(d, act);
        if (!s) realDiffs++;
        fails.push(`${s ? `[${s}] ` : ""}${describeDiff(d)}`);
      }
    }
    for (const s of meta.contains ?? []) {
      if (!raw.includes(s) && meta.mode === "contains") {
        fails.push(`compose.yaml lacks ${JSON.stringify(s)}`);
        otherFails++;
      }
    }
    if (existsSync(join(src, "checks.py"))) {
      const c = await run("python3", ["-c", CHECK_DRIVER, join(src, "checks.py"), outdir], { cwd: wd, env, input: JSON.stringify(compose) });
      const list = c.rc === 0 ? (JSON.parse(c.stdout) as string[]) : [`checks.py could not run (exit ${c.rc}): ${c.stderr.trim().slice(-400)}`];
      for (const f of list) fails.push(`check: ${f}`);
      otherFails += list.length;
    }
  }
  const matchModuloSystematic = fails.length === 0 || (meta.mode === "exact" && realDiffs === 0 && otherFails === 0);
  return { name, meta, rc: p.rc, stderr: p.stderr, schemaErrors, fails, matchModuloSystematic };
}

/**
 * Runs every case: each folder is copied to `workRoot`, its cmd.txt is split into words as a POSIX shell
 * would (every cmd.txt is one `scorec …` line), and the command lines run through the CLI's main() in
 * `parallel` batch processes (Node starts once per batch, not once per case); then each case is judged.
 */
export async function runCases(names: readonly string[], workRoot: string, parallel: number): Promise<Map<string, CaseResult>> {
  const jobs = names.map((name) => {
    const wd = join(workRoot, "cases", name);
    cpSync(join(CASES_DIR, name), wd, { recursive: true });
    const words = shellWords(readFileSync(join(CASES_DIR, name, "cmd.txt"), "utf8").trim());
    if (words[0] !== "scorec") throw new Error(`${name}/cmd.txt does not run scorec: ${words.join(" ")}`);
    return { name, cwd: wd, argv: words.slice(1) };
  });
  const batches: (typeof jobs)[] = Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, () => []);
  jobs.forEach((j, i) => batches[i % batches.length]!.push(j));
  const runs = await Promise.all(
    batches.map(async (batch) => {
      const r = await run("node", [join(REPO, "test", "compose-fidelity", "cli-batch.mjs"), REPO], { cwd: workRoot, env: caseEnv(), input: JSON.stringify(batch) });
      const lines = r.stdout.trim().split("\n").filter(Boolean);
      if (lines.length !== batch.length) throw new Error(`cli-batch ran ${lines.length} of ${batch.length} commands (exit ${r.rc}): ${r.stderr.slice(-800)}`);
      return batch.map((j, i) => [j, JSON.parse(lines[i]!) as { rc: number; stderr: string }] as const);
    }),
  );
  const out = new Map<string, CaseResult>();
  await Promise.all(runs.flat().map(async ([j, p]) => out.set(j.name, await judgeCase(j.name, j.cwd, p))));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** POSIX shell word splitting for one simple command: blanks, '…', "…" (with \\, \", \$ escapes), \x and # comments. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && i + 1 < line.length && '\\"$`'.includes(line[i + 1]!)) i++;
        else if (line[i] === "$" || line[i] === "`") throw new Error(`shell expansion is not supported in: ${line}`);
        cur += line[i];
      }
      if (i >= line.length) throw new Error(`unterminated " in: ${line}`);
      inWord = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (ch === " " || ch === "\t" || ch === "\n") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else if (ch === "#" && !inWord) {
      break; // a comment to the end of the line
    } else if ("|&;<>()$`*?[~".includes(ch) && !inWord) {
      throw new Error(`shell syntax "${ch}" is not supported in: ${line}`);
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
