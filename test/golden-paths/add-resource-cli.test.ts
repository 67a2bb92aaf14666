// `scorec add resource`: the day-2 path. Edits score.yaml in place (comments kept), refuses unknown types
// unless --force, prints the outputs the resource offers for the chosen target, writes nothing on error.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-add-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const SCORE = `# the web workload
apiVersion: score.dev/v1b1
metadata:
  name: web   # keep me
containers:
  main:
    image: "nginx:1.27"
    variables:
      GREETING: 'hello'
`;

function project(score = SCORE): string {
  const d = join(tmp, `p${n++}`);
  mkdirSync(d);
  writeFileSync(join(d, "score.yaml"), score);
  return d;
}

describe("scorec add resource", () => {
  it("adds a postgres, keeps every other byte, and lists its outputs with references", () => {
    const cwd = project();
    const r = runCli(["add", "resource", "db", "--type", "postgres"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toBe(SCORE + "resources:\n  db:\n    type: postgres\n");
    expect(r.stdout).toBe(
      [
        'added resource "db" (type postgres) to score.yaml',
        "provisioner for target compose (environment dev): template://default-provisioners/postgres in (built-in)/zz-default.provisioners.yaml",
        "outputs (as provisioned):",
        "  database  ${resources.db.database}",
        "  host      ${resources.db.host}",
        "  name      ${resources.db.name}",
        "  password  ${resources.db.password}",
        "  port      ${resources.db.port}",
        "  username  ${resources.db.username}",
        "reference one from a container, e.g.:",
        "  variables:",
        "    DB_HOST: ${resources.db.host}",
        "",
      ].join("\n"),
    );
    // The edited file compiles.
    expect(runCli(["generate", "-o", "-"], { cwd }).code).toBe(0);
  });

  it("a second resource goes after the first; class, id and params are written; the file's mode is kept", () => {
    const cwd = project(SCORE + "resources:\n  db:   # the database\n    type: postgres\n\n# trailing\n");
    chmodSync(join(cwd, "score.yaml"), 0o600);
    const r = runCli(["add", "resource", "cache", "--type", "redis", "--class", "large", "--id", "shared-cache", "--param", "maxmemory=256", "--param", "policy=allkeys-lru"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toBe(
      SCORE + "resources:\n  db:   # the database\n    type: postgres\n  cache:\n    type: redis\n    class: large\n    id: shared-cache\n    params:\n      maxmemory: 256\n      policy: allkeys-lru\n\n# trailing\n",
    );
    expect(statSync(join(cwd, "score.yaml")).mode & 0o777).toBe(0o600);
  });

  it("asks the chosen target's provisioners (helm's volume outputs differ from compose's)", () => {
    const cwd = project();
    const r = runCli(["add", "resource", "data", "--type", "volume", "-t", "helm"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("provisioner for target helm (environment dev): template://default-provisioners/volume");
    expect(r.stdout).toContain("  source  ${resources.data.source}\n");
  });

  it("a project provisioner (init --provisioners' example) is found in .scorec/ and its outputs work", () => {
    const cwd = join(tmp, `p${n++}`);
    mkdirSync(cwd);
    expect(runCli(["init", "shop", "--template", "worker", "--provisioners"], { cwd }).code).toBe(0);
    const dir = join(cwd, "shop");
    const r = runCli(["add", "resource", "payments", "--type", "external-api", "--param", "url=https://pay.example.com:8443/v1"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("template://example/external-api in .scorec/example.provisioners.yaml");
    expect(r.stdout).toContain("  host  ${resources.payments.host}\n  url   ${resources.payments.url}\n");
    // Reference the output and compile: the provisioner's template really produces it.
    const file = join(dir, "score.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("      LOG_LEVEL: info\n", "      LOG_LEVEL: info\n      PAY_HOST: ${resources.payments.host}\n"));
    const g = runCli(["generate", "-o", "-"], { cwd: dir });
    expect(g.code).toBe(0);
    expect(g.stdout).toContain("PAY_HOST: pay.example.com\n");
  });
});

describe("scorec add resource: bad input", () => {
  const unchanged = (cwd: string) => expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toBe(SCORE);

  it("an unknown type is refused with the types on offer; --force adds it and says its outputs are unknown", () => {
    const cwd = project();
    const r = runCli(["add", "resource", "queue", "--type", "kafka"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scorec: no provisioner of target compose provides type "kafka" in environment "dev" \(types: .*kafka-topic.*\); --force adds it anyway\n$/);
    unchanged(cwd);
    const f = runCli(["add", "resource", "queue", "--type", "kafka", "--force"], { cwd });
    expect(f.code).toBe(0);
    expect(f.stdout).toContain("its outputs are unknown");
    expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toBe(SCORE + "resources:\n  queue:\n    type: kafka\n");
  });

  it.each([
    [["add", "resource", "db", "--type", "postgres", "--param", "size"], 'scorec: --param takes KEY=VALUE, got "size"\n'],
    [["add", "resource", "db", "--type", "postgres", "--param", "a=1", "--param", "a=2"], "scorec: --param a is given twice\n"],
    [["add", "resource", "DB", "--type", "postgres"], 'scorec: resource name "DB" is not valid: 2-63 characters a-z, 0-9 and -, starting and ending with a letter or digit\n'],
    [["add", "resource", "db", "--type", "post gres"], 'scorec: --type "post gres" is not valid: 2-63 characters A-Z, a-z, 0-9 and -, starting and ending with a letter or digit\n'],
    [["add", "resource", "db", "--type", "postgres", "--id", "Bad_Id"], 'scorec: --id "Bad_Id" is not valid: 2-63 characters: labels of a-z, 0-9 and - separated by dots\n'],
    [["add", "resource", "db", "--type", "postgres", "-t", "nomad"], 'scorec: unknown target "nomad" (choose one of: backstage, compose, helm, terraform)\n'],
    [["add", "resource", "db", "--type", "postgres", "--file", "missing.yaml"], "scorec: cannot read missing.yaml: no such file (give the Score file with --file)\n"],
  ])("%j is a one-line usage error and the file is untouched", (args, message) => {
    const cwd = project();
    const r = runCli(args, { cwd });
    expect(r.stderr).toBe(message);
    expect(r.code).toBe(2);
    unchanged(cwd);
  });

  it("a resource that exists already is refused", () => {
    const cwd = project(SCORE + "resources:\n  db:\n    type: postgres\n");
    const r = runCli(["add", "resource", "db", "--type", "redis"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('scorec: cannot add resource "db" to score.yaml: resource "db" already exists in this workload\n');
  });

  it("a Score file with errors is reported, positioned, and not edited", () => {
    const bad = SCORE.replace("    image:", "    imagee:");
    const cwd = project(bad);
    const r = runCli(["add", "resource", "db", "--type", "postgres"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/score\.yaml\n\s+6:3\s+error/);
    expect(r.stderr).toContain("imagee");
    expect(r.stderr).toContain("fix them before adding a resource (nothing was written)");
    expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toBe(bad);
  });

  it("--type is required", () => {
    const r = runCli(["add", "resource", "db"], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--type <type>' not specified");
  });
});
