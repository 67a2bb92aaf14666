// Issue 13: `check` provisions without writing, finds its config upwards, says what it did, and warns
// about --policy folders that check nothing.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-lint-gate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCORE = [
  "apiVersion: score.dev/v1b1",
  "metadata:",
  "  name: web",
  "containers:",
  "  main:",
  "    image: nginx",
  "    variables:",
  '      DB: "postgres://${resources.db.pasword}@${resources.db.host}"',
  "resources:",
  "  db:",
  "    type: postgres",
  "  queue:",
  "    type: kafak",
  "",
].join("\n");

function json(stdout: string): { ruleId: string; message: string; range: { start: { line: number; column: number } } }[] {
  return JSON.parse(stdout).files.flatMap((f: { diagnostics: unknown[] }) => f.diagnostics);
}

describe("check provisions without writing", () => {
  const dir = join(tmp, "typos");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "score.yaml"), SCORE);

  it("reports an unknown type and a misspelt output at line:column with did-you-mean, and writes nothing", () => {
    const r = runCli(["check", "score.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const ds = json(r.stdout);
    const out = ds.find((d) => d.ruleId === "provision/missing-output")!;
    expect(out.range.start).toMatchObject({ line: 8, column: 23 });
    expect(out.message).toContain('has no output "pasword" — did you mean "password"?');
    const type = ds.find((d) => d.ruleId === "provision/no-provisioner")!;
    expect(type.range.start).toMatchObject({ line: 13, column: 11 });
    expect(type.message).toContain('did you mean "kafka-topic"?');
    expect(readdirSync(dir)).toEqual(["score.yaml"]);
  });

  it("--no-provision keeps the old check-only behaviour", () => {
    expect(runCli(["check", "score.yaml", "--no-provision"], { cwd: dir }).code).toBe(0);
  });

  it("--target all checks every target; an unknown target is a usage error", () => {
    const r = runCli(["check", "score.yaml", "--target", "all"], { cwd: dir });
    expect(r.code).toBe(1);
    for (const t of ["backstage", "compose", "helm", "terraform"]) expect(r.stdout).toContain(`for target ${t}`);
    expect(r.stdout).toContain("provisioned for backstage, compose, helm, terraform");
    expect(runCli(["check", "score.yaml", "--target", "nope"], { cwd: dir }).code).toBe(2);
  });

  it("an unknown class names the classes provided, at the class", () => {
    const d = join(tmp, "class");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "p.provisioners.yaml"), "- uri: template://x\n  type: thing\n  class: large\n  outputs: 'a: 1'\n");
    writeFileSync(join(d, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main: {image: nginx}\nresources:\n  tt:\n    type: thing\n    class: lrage\n");
    const ds = json(runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml", "--format", "json"], { cwd: d }).stdout);
    expect(ds[0]!.ruleId).toBe("provision/no-provisioner");
    expect(ds[0]!.range.start).toMatchObject({ line: 8, column: 12 });
    expect(ds[0]!.message).toContain('offers class "lrage" — did you mean "large"?');
  });

  it("an unknown id names the ids provided, at the id", () => {
    const d = join(tmp, "id");
    mkdirSync(join(d, ".git"), { recursive: true });
    writeFileSync(join(d, "p.provisioners.yaml"), "- uri: template://x\n  type: thing\n  id: shared-bus\n  outputs: 'a: 1'\n");
    writeFileSync(join(d, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main: {image: nginx}\nresources:\n  tt:\n    type: thing\n    id: shared-buss\n");
    const ds = json(runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml", "--format", "json"], { cwd: d }).stdout);
    expect(ds.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.column}`)).toEqual(["provision/no-provisioner 8:9"]);
    expect(ds[0]!.message).toContain('offers id "shared-buss" — did you mean "shared-bus"?');
  });

  it("cmd:// provisioners are not run by check: their outputs are unknown and not reported", () => {
    const d = join(tmp, "cmd");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "p.provisioners.yaml"), "- uri: cmd://false\n  type: thing\n");
    writeFileSync(join(d, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main:\n    image: nginx\n    variables: {X: '${resources.tt.anything}'}\nresources:\n  tt: {type: thing}\n");
    const r = runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml"], { cwd: d });
    expect(r.stdout).toContain("✔ no problems");
    expect(r.code).toBe(0);
  });
});

describe("check provisions for --env and runs cmd:// only when allowed", () => {
  const SCORE_Q = "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main:\n    image: nginx\n    variables: {Q: '${resources.qq.ulr}'}\nresources:\n  qq: {type: queue}\n";

  it("--env selects the provisioners of that environment (and the config's environment does the same)", () => {
    const d = join(tmp, "env");
    mkdirSync(join(d, ".git"), { recursive: true });
    writeFileSync(join(d, "p.provisioners.yaml"), "- uri: template://q\n  type: queue\n  environments: [prod]\n  outputs: 'url: amqp://q'\n");
    writeFileSync(join(d, "score.yaml"), SCORE_Q);
    const dev = json(runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml", "--format", "json"], { cwd: d }).stdout);
    expect(dev.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.column}`)).toEqual(["provision/no-provisioner 8:14"]);
    expect(dev[0]!.message).toContain('in environment "dev"');
    const prod = json(runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml", "--env", "prod", "--format", "json"], { cwd: d }).stdout);
    expect(prod.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.column}`)).toEqual(["provision/missing-output 6:21"]);
    expect(prod[0]!.message).toContain('did you mean "url"?');
    mkdirSync(join(d, ".scorec"), { recursive: true });
    writeFileSync(join(d, ".scorec", "config.yaml"), "environment: prod\nprovisioners: [p.provisioners.yaml]\n");
    const fromConfig = json(runCli(["check", "score.yaml", "--format", "json"], { cwd: d }).stdout);
    expect(fromConfig.map((x) => x.ruleId)).toEqual(["provision/missing-output"]);
  });

  it("--allow-cmd-provisioners runs the program, and its outputs are then checked", () => {
    const d = join(tmp, "cmd-allowed");
    mkdirSync(join(d, ".git"), { recursive: true });
    const script = `cat >/dev/null; printf '{"resource_outputs":{"url":"amqp://q"}}'`;
    writeFileSync(join(d, "p.provisioners.yaml"), `- uri: cmd://sh#q\n  args: ["-c", ${JSON.stringify(script)}]\n  type: queue\n`);
    writeFileSync(join(d, "score.yaml"), SCORE_Q);
    const refused = runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml"], { cwd: d });
    expect(refused.code).toBe(0); // not run: outputs unknown, nothing to report
    const r = runCli(["check", "score.yaml", "--provisioners", "p.provisioners.yaml", "--allow-cmd-provisioners", "--format", "json"], { cwd: d });
    const ds = json(r.stdout);
    expect(ds.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.column}`)).toEqual(["provision/missing-output 6:21"]);
    expect(ds[0]!.message).toContain('did you mean "url"?');
    expect(readdirSync(d).sort()).toEqual([".git", "p.provisioners.yaml", "score.yaml"]);
  });
});

describe("config discovery", () => {
  it("finds .scorec/config.yaml two folders up (stopping at .git), relative paths against the config's folder", () => {
    const repo = join(tmp, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, ".scorec"), { recursive: true });
    mkdirSync(join(repo, "platform"), { recursive: true });
    mkdirSync(join(repo, "apps", "web"), { recursive: true });
    writeFileSync(join(repo, ".scorec", "config.yaml"), "provisioners: [platform]\n");
    writeFileSync(join(repo, "platform", "k.provisioners.yaml"), "- uri: template://k\n  type: kafak\n  outputs: 'x: 1'\n");
    writeFileSync(join(repo, "apps", "web", "score.yaml"), SCORE.replace("pasword", "password"));
    // Run from elsewhere: the config is still found from the file's folder.
    const r = runCli(["check", join(repo, "apps", "web", "score.yaml")], { cwd: tmp });
    expect(r.stdout).toContain("config: repo/.scorec/config.yaml");
    expect(r.code).toBe(0);
    // --config overrides the search.
    writeFileSync(join(tmp, "other.yaml"), "target: helm\n");
    const o = runCli(["check", join(repo, "apps", "web", "score.yaml"), "--config", "other.yaml"], { cwd: tmp });
    expect(o.stdout).toContain("provisioned for helm");
    expect(o.stdout).toContain("config: other.yaml");
  });

  it("does not look above the repository root", () => {
    const outer = join(tmp, "outer");
    mkdirSync(join(outer, ".scorec"), { recursive: true });
    writeFileSync(join(outer, ".scorec", "config.yaml"), "rulez: {}\n"); // would be an error if read
    mkdirSync(join(outer, "inner", ".git"), { recursive: true });
    writeFileSync(join(outer, "inner", "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main: {image: nginx}\n");
    const r = runCli(["check", "score.yaml"], { cwd: join(outer, "inner") });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("config: none");
  });
});

describe("check says what happened", () => {
  const dir = join(tmp, "say");
  mkdirSync(join(dir, "pol"), { recursive: true });
  mkdirSync(join(dir, "empty"), { recursive: true });
  writeFileSync(join(dir, "pol", "a.rego"), 'package acme\nimport rego.v1\nwarn contains "w" if { true }\n');
  writeFileSync(join(dir, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata: {name: wk}\ncontainers:\n  main: {image: nginx}\n");

  it("warns for a policy folder without policies and for rules outside the selected namespaces", () => {
    const r = runCli(["check", "score.yaml", "--policy", "empty", "--policy", "pol"], { cwd: dir });
    expect(r.stdout).toContain("--policy empty has no .rego, .wasm or bundle.tar.gz policy");
    expect(r.stdout).toContain("package acme has rules; add --namespace acme");
    expect(r.stdout).toContain("checked 1 file; provisioned for compose (environment dev); 0 policy rules from 1 policy file; config: none");
  });

  it("says when --max-warnings or --fail-on-warn decided the exit code", () => {
    const m = runCli(["check", "score.yaml", "--policy", "pol", "--namespace", "acme", "--max-warnings", "0"], { cwd: dir });
    expect(m.code).toBe(1);
    expect(m.stdout).toContain("1 policy rule from 1 policy file");
    expect(m.stdout).toContain("exit 1: 1 warning exceed --max-warnings 0");
    const f = runCli(["check", "score.yaml", "--policy", "pol", "--namespace", "acme", "--fail-on-warn"], { cwd: dir });
    expect(f.code).toBe(1);
    expect(f.stdout).toContain("exit 1 (--fail-on-warn: 1 for warnings only)");
  });
});
