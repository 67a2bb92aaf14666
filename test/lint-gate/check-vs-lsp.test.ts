// Issue 13, "Done when": `scorec check` (the built CLI) and the language server report the same findings
// (rule id, line, column, severity) on the same files: the unknown resource type and the misspelt output of
// the typos fixture, with --target/--provisioners on one side and the same settings on the other, and with a
// `.scorec/config.yaml` two folders up (its provisioners, policies and rule settings) found by both.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";
import { inProcess } from "../lsp/lsp-client.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-check-vs-lsp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TYPOS = join(REPO, "test", "lint-gate", "fixtures", "typos.score.yaml");
const SEVERITY = ["", "error", "warning", "info", "hint"];

/** One finding as `rule line:column severity`, 1-based as the CLI prints it. */
type Finding = string;

function viaCheck(args: string[], cwd: string): Finding[] {
  const r = runCli(["check", ...args, "--format", "json"], { cwd });
  expect(r.stderr).toBe("");
  const files = JSON.parse(r.stdout).files as { diagnostics: { ruleId: string; severity: string; range: { start: { line: number; column: number } } }[] }[];
  return files.flatMap((f) => f.diagnostics.map((d) => `${d.ruleId} ${d.range.start.line}:${d.range.start.column} ${d.severity}`)).sort();
}

async function viaServer(root: string, file: string, settings: unknown): Promise<Finding[]> {
  const session = inProcess();
  try {
    await session.client.initialize(pathToFileURL(root).href, { debounceMs: 10, ...(settings as object) });
    const uri = pathToFileURL(file).href;
    session.client.open(uri, readFileSync(file, "utf8"));
    const ds = await session.client.diagnostics(uri, 1);
    return ds.map((d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]}`).sort();
  } finally {
    session.dispose();
  }
}

describe("check and the language server report the same findings", () => {
  it("the typos fixture with --target compose: unknown type and misspelt output", async () => {
    const dir = join(tmp, "typos");
    mkdirSync(join(dir, ".git"), { recursive: true });
    copyFileSync(TYPOS, join(dir, "score.yaml"));
    const cli = viaCheck(["score.yaml", "--target", "compose"], dir);
    expect(cli).toEqual(["provision/missing-output 10:23 error", "provision/no-provisioner 15:11 error"]);
    expect(await viaServer(dir, join(dir, "score.yaml"), { target: "compose" })).toEqual(cli);
  });

  it("with --provisioners: a misspelt output and an unknown class of a project provisioner", async () => {
    const dir = join(tmp, "provisioners");
    mkdirSync(join(dir, ".git"), { recursive: true });
    writeFileSync(join(dir, "p.provisioners.yaml"), "- uri: template://q\n  type: queue\n  class: large\n  outputs: 'url: amqp://q'\n");
    writeFileSync(
      join(dir, "score.yaml"),
      [
        "apiVersion: score.dev/v1b1",
        "metadata: {name: web}",
        "containers:",
        "  main:",
        "    image: nginx",
        "    variables: {Q: '${resources.qq.ulr}', R: '${resources.rr.url}'}",
        "resources:",
        "  qq: {type: queue, class: large}",
        "  rr:",
        "    type: queue",
        "    class: lrage",
        "",
      ].join("\n"),
    );
    const cli = viaCheck(["score.yaml", "--provisioners", "p.provisioners.yaml"], dir);
    expect(cli).toEqual(["provision/missing-output 6:21 error", "provision/no-provisioner 11:12 error"]);
    expect(await viaServer(dir, join(dir, "score.yaml"), { provisioners: ["p.provisioners.yaml"] })).toEqual(cli);
  });

  it("a .scorec/config.yaml two folders up is found by both (provisioners, policies, rule settings)", async () => {
    const repo = join(tmp, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, ".scorec"), { recursive: true });
    mkdirSync(join(repo, "platform"), { recursive: true });
    mkdirSync(join(repo, "policies"), { recursive: true });
    mkdirSync(join(repo, "apps", "web"), { recursive: true });
    writeFileSync(
      join(repo, ".scorec", "config.yaml"),
      "target: compose\nprovisioners: [platform]\npolicies: [policies]\nrules:\n  provision/missing-output: warning\n",
    );
    // Only the config's provisioner knows `kafak`, so its finding can only come from the config.
    writeFileSync(join(repo, "platform", "k.provisioners.yaml"), "- uri: template://k\n  type: kafak\n  outputs: 'brokers: b:9092'\n");
    writeFileSync(
      join(repo, "policies", "limits.rego"),
      'package main\nimport rego.v1\ndeny contains {"msg": "container main has no resource limits", "path": "/containers/main"} if { not input.containers.main.resources }\n',
    );
    const file = join(repo, "apps", "web", "score.yaml");
    writeFileSync(file, readFileSync(TYPOS, "utf8").replace("${resources.db.host}", "${resources.queue.broker}"));

    // check runs from a folder outside the repository: the config is found from the file's folder.
    const cli = viaCheck([file], tmp);
    expect(cli).toEqual([
      "main.deny 7:3 error",
      "provision/missing-output 10:23 warning",
      "provision/missing-output 10:47 warning",
    ]);
    // The server's workspace is the app's folder, not the repository: it too searches upwards.
    expect(await viaServer(join(repo, "apps", "web"), file, {})).toEqual(cli);
  });
});
