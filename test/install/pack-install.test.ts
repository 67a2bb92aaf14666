// "Use it in your project", as a user does it: `npm pack`, install the tarball into an empty project
// (offline, from the npm cache), then run the installed scorec from there — the built-in policy pack and the
// Helm chart by name, every target, and the language server.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overStdio } from "../lsp/lsp-client.js";
import { INVALID } from "../lsp/workspace.js";
import { installOffline, packTarball } from "./offline-project.js";

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:latest
    variables:
      DB_HOST: \${resources.db.host}
service:
  ports:
    www:
      port: 8080
      targetPort: 80
resources:
  db:
    type: postgres
`;

let dir: string;
let project: string;

const scorec = (args: string[]) => {
  const r = spawnSync(join(project, "node_modules", ".bin", "scorec"), args, { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const ruleIds = (json: string): string[] =>
  [...new Set((JSON.parse(json) as { files: { diagnostics: { ruleId: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)))].sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scorec-install-"));
  project = installOffline(dir, packTarball(dir));
  writeFileSync(join(project, "score.yaml"), SCORE);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000); // an installed node_modules: slow to delete on a busy disk

describe("scorec installed from its tarball into an empty project", () => {
  it("ships no sources or tests beyond what runs", () => {
    const pkg = join(project, "node_modules", "scorec");
    expect(existsSync(join(pkg, "dist", "src", "cli", "main.js"))).toBe(true);
    // the bundled CLI (two packs) that bin/scorec.js loads (CommonJS: bin/package.json) with its code cache, and the
    // build-time parse of the built-in provisioners
    expect(existsSync(join(pkg, "bin", "package.json"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "cli", "scorec-core.cjs"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "cli", "scorec-rest.cjs"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "cli", "scorec.code-cache"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "targets", "compose", "provisioners", "zz-default.provisioners.yaml.json"))).toBe(true);
    expect(existsSync(join(pkg, "targets", "helm", "index.ts"))).toBe(false);
    expect(existsSync(join(pkg, "test"))).toBe(false);
  });

  it("check with the whole built-in pack (builtin:) and with one rule of it", () => {
    const all = scorec(["check", "score.yaml", "--policy", "builtin:", "--format", "json"]);
    expect(all.code).toBe(1);
    expect(ruleIds(all.stdout)).toEqual(expect.arrayContaining(["score/image-pinned", "score/resource-limits"]));
    const one = scorec(["check", "score.yaml", "--policy", "builtin:score/image-pinned", "--format", "json"]);
    expect(ruleIds(one.stdout)).toEqual(["score/image-pinned"]);
    const typo = scorec(["check", "score.yaml", "--policy", "builtin:score/image-pined"]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toContain('did you mean "builtin:score/image-pinned"?');
  });

  it("lists the pack and runs its tests by name", () => {
    expect(scorec(["policy", "list"]).stdout).toMatch(/^score\/image-pinned\s+error\s+Container images are pinned$/m);
    const t = scorec(["policy", "test", "builtin:"]);
    expect(t.code).toBe(0);
    expect(t.stdout.trim().split("\n").at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it("generates compose, helm (with the chart) and terraform", () => {
    for (const target of ["compose", "helm", "terraform"]) {
      const r = scorec(["generate", "score.yaml", "-t", target, "-o", `out-${target}`, ...(target === "helm" ? ["--write-chart"] : [])]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(parse(readFileSync(join(project, "out-compose", "compose.yaml"), "utf8")).services["web-main"].image).toBe("nginx:latest");
    expect(existsSync(join(project, "out-helm", "web.values.yaml"))).toBe(true);
    expect(readFileSync(join(project, "out-helm", "chart", "Chart.yaml"), "utf8")).toBe(readFileSync(join(scorec(["chart", "path"]).stdout.trim(), "Chart.yaml"), "utf8"));
    expect(JSON.parse(readFileSync(join(project, "out-terraform", "web.auto.tfvars.json"), "utf8")).containers.main.image).toBe("nginx:latest");
  });

  it("serves the language server: initialize and one diagnostic", async () => {
    const child: ChildProcess = spawn(join(project, "node_modules", ".bin", "scorec"), ["lsp"], { cwd: project, stdio: ["pipe", "pipe", "pipe"] });
    try {
      const client = overStdio(child.stdout!, child.stdin!);
      await client.initialize(pathToFileURL(project).href, { debounceMs: 10 });
      const uri = pathToFileURL(join(project, "typo.score.yaml")).href;
      client.open(uri, INVALID);
      const diags = await client.diagnostics(uri, 1);
      expect(diags.map((d) => [d.code, d.range.start.line])).toContainEqual(["schema/additional-property", 5]);
    } finally {
      child.kill();
    }
  });
});
