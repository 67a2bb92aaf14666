// `scorec init`: every built-in template scaffolds a workload that passes `check` and `generate` for every
// target; files are never overwritten without --force; bad templates and values are one-line errors.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TARGET_NAMES } from "../../src/emit/targets.js";
import { builtInTemplateNames } from "../../src/scaffold/template-source.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-init-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = join(tmp, `case-${n++}`);
  mkdirSync(d);
  return d;
};

function tree(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`])).sort();
}

describe("scorec init: built-in templates", () => {
  it("lists web-service, worker and cron", () => {
    expect(builtInTemplateNames()).toEqual(["cron", "web-service", "worker"]);
    const r = runCli(["init", "--list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^web-service: /m);
    expect(r.stdout).toContain("--set port=…");
  });

  it.each(builtInTemplateNames())("%s: the scaffold passes check and generate for every target", (template) => {
    const cwd = freshDir();
    const init = runCli(["init", "orders", "--template", template, "--provisioners", "--set", "owner=team-a"], { cwd });
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const dir = join(cwd, "orders");
    expect(tree(dir)).toEqual([".scorec/config.yaml", ".scorec/example.provisioners.yaml", "score.yaml"]);
    const score = readFileSync(join(dir, "score.yaml"), "utf8");
    expect(score).toContain("name: orders");
    expect(score).toMatch(/^# resources:$/m); // the commented resource example
    expect(score).toMatch(/Probe:/);
    const check = runCli(["check"], { cwd: dir });
    expect(check.stdout + check.stderr).toContain("no problems");
    expect(check.code).toBe(0);
    for (const target of TARGET_NAMES) {
      const g = runCli(["generate", "-t", target, "-o", join(tmp, `out-${template}-${target}`)], { cwd: dir });
      expect(g.stderr, `${template} → ${target}`).not.toMatch(/\berror\b/);
      expect(g.code, `${template} → ${target}: ${g.stderr}`).toBe(0);
    }
  });

  it("web-service has a service port and httpGet probes on it; --set values are rendered", () => {
    const cwd = freshDir();
    expect(runCli(["init", "api", "--set", "port=9090", "--set", "path=/ready", "--set", "image=ghcr.io/acme/api:1.2.3"], { cwd }).code).toBe(0);
    const score = readFileSync(join(cwd, "api", "score.yaml"), "utf8");
    expect(score).toContain("      port: 9090\n      targetPort: 9090\n");
    expect(score).toContain("        port: 9090\n        path: /ready\n");
    expect(score).toContain("image: ghcr.io/acme/api:1.2.3");
    expect(score).not.toContain("annotations"); // no owner given: no owner annotation
    // Without --provisioners no example provisioner file.
    expect(tree(join(cwd, "api"))).toEqual([".scorec/config.yaml", "score.yaml"]);
  });

  it("the name defaults to the folder's name; DIR defaults to .", () => {
    const cwd = join(freshDir(), "My_Service");
    mkdirSync(cwd);
    expect(runCli(["init"], { cwd }).code).toBe(0);
    expect(readFileSync(join(cwd, "score.yaml"), "utf8")).toContain("  name: my-service\n");
  });

  it("the same inputs give the same bytes", () => {
    const a = freshDir();
    const b = freshDir();
    for (const cwd of [a, b]) expect(runCli(["init", "svc", "--template", "cron", "--provisioners"], { cwd, env: { TZ: cwd === a ? "UTC" : "Asia/Kolkata" } }).code).toBe(0);
    for (const f of tree(join(a, "svc"))) expect(readFileSync(join(b, "svc", f), "utf8"), f).toBe(readFileSync(join(a, "svc", f), "utf8"));
  });
});

describe("scorec init: bad input", () => {
  it("an unknown template is a usage error naming the built-ins", () => {
    const cwd = freshDir();
    const r = runCli(["init", "x", "--template", "web-servise"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('scorec: unknown template "web-servise" (built-in templates: cron, web-service, worker; or give a folder, e.g. ./platform/templates/api)\n');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("never overwrites: names the existing file, writes nothing; --force replaces", () => {
    const cwd = freshDir();
    mkdirSync(join(cwd, "svc"));
    writeFileSync(join(cwd, "svc", "score.yaml"), "mine\n");
    const r = runCli(["init", "svc"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("scorec: svc/score.yaml already exists; nothing was written (--force replaces it)\n");
    expect(readFileSync(join(cwd, "svc", "score.yaml"), "utf8")).toBe("mine\n");
    expect(tree(join(cwd, "svc"))).toEqual(["score.yaml"]);
    const f = runCli(["init", "svc", "--force"], { cwd });
    expect(f.code).toBe(0);
    expect(readFileSync(join(cwd, "svc", "score.yaml"), "utf8")).toContain("apiVersion: score.dev/v1b1");
  });

  it.each([
    [["--set", "port"], '--set takes NAME=VALUE, got "port"'],
    [["--set", "=8080"], '--set takes NAME=VALUE, got "=8080"'],
    [["--set", "prot=8080"], 'template web-service has no variable "prot" (variables: image, name, owner, path, port)'],
    [["--set", "port=http"], "--set port=http: port must match "],
    [["--set", "port=70000"], "--set port=70000: port must match "],
    [["--set", "name=Orders"], "--set name=Orders: name must match "],
    [["--set", "port=1", "--set", "port=2"], "--set port is given twice"],
  ])("--set %j is refused", (args, message) => {
    const cwd = freshDir();
    const r = runCli(["init", "svc", ...args], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`scorec: ${message}`);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a folder name that is no workload name asks for --set name", () => {
    const cwd = join(freshDir(), "___");
    mkdirSync(cwd);
    const r = runCli(["init"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the folder name "" (use --set name=…)');
  });
});

describe("scorec init: platform-owned template folders", () => {
  function platformTemplate(files: Record<string, string>): string {
    const root = freshDir();
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(join(root, p, ".."), { recursive: true });
      writeFileSync(join(root, p), content);
    }
    return root;
  }
  const SCORE = "apiVersion: score.dev/v1b1\nmetadata:\n  name: {{ .name }}\n  annotations:\n    acme.com/tier: {{ .tier | quote }}\ncontainers:\n  app:\n    image: registry.acme.com/{{ .name }}:{{ .version }}\n";

  it("renders .tmpl files with the Go template engine and copies the others as they are", () => {
    const tpl = platformTemplate({
      "template.yaml": "description: ACME API\nvariables:\n  name: {}\n  version: {default: '1.0.0'}\n  tier: {default: gold, pattern: 'gold|silver'}\n",
      "files/score.yaml.tmpl": SCORE,
      "files/docs/README.md": "Run {{ this }} yourself.\n",
    });
    const cwd = freshDir();
    const r = runCli(["init", "billing", "--template", tpl, "--set", "tier=silver"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "billing", "score.yaml"), "utf8")).toBe(SCORE.replace(/\{\{ \.name \}\}/g, "billing").replace('{{ .tier | quote }}', '"silver"').replace("{{ .version }}", "1.0.0"));
    expect(readFileSync(join(cwd, "billing", "docs", "README.md"), "utf8")).toBe("Run {{ this }} yourself.\n");
    expect(runCli(["check"], { cwd: join(cwd, "billing") }).code).toBe(0);
  });

  it("a template naming an undeclared variable, a missing template.yaml, a missing folder are errors", () => {
    const cwd = freshDir();
    const undeclared = platformTemplate({ "template.yaml": "variables:\n  name: {}\n", "files/score.yaml.tmpl": "x: {{ .nmae }}\n" });
    let r = runCli(["init", "a", "--template", undeclared], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scorec: template file template: .*files\/score\.yaml\.tmpl:1:\d+: .*map has no entry for key "nmae"/);
    const noManifest = platformTemplate({ "files/score.yaml.tmpl": SCORE });
    r = runCli(["init", "a", "--template", noManifest], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("template.yaml is missing");
    r = runCli(["init", "a", "--template", "./no/such/folder"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("scorec: template folder ./no/such/folder does not exist\n");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a template that renders an invalid Score file is reported with positions and nothing is written", () => {
    const tpl = platformTemplate({ "template.yaml": "variables:\n  name: {}\n", "files/score.yaml.tmpl": "apiVersion: score.dev/v1b1\nmetadata:\n  name: {{ .name }}\ncontainers:\n  app:\n    imagee: x\n" });
    const cwd = freshDir();
    const r = runCli(["init", "bad", "--template", tpl], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\/score\.yaml[\s\S]*6:5\s+error/);
    expect(r.stderr).toContain("nothing was written");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("keeps the executable bit of template files", () => {
    const plain = "apiVersion: score.dev/v1b1\nmetadata:\n  name: {{ .name }}\ncontainers:\n  app:\n    image: nginx:1.27\n";
    const tpl = platformTemplate({ "template.yaml": "variables:\n  name: {}\n", "files/score.yaml.tmpl": plain, "files/run.sh": "#!/bin/sh\n" });
    chmodSync(join(tpl, "files", "run.sh"), 0o755);
    const cwd = freshDir();
    expect(runCli(["init", "xy", "--template", tpl], { cwd }).code).toBe(0);
    expect(statSync(join(cwd, "xy", "run.sh")).mode & 0o777).toBe(0o755);
  });
});
