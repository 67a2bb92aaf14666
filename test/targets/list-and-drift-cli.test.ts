// The list commands, and --check / atomic writes for every target (the writer is shared by all of them).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/paths.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-lists-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const app = fixture("targets", "service-ports");
const inputs = [join(app, "score-a.yaml"), join(app, "score-b.yaml")];

describe("list commands", () => {
  it("provisioners list shows the match order, user files first", () => {
    const prov = join(tmp, "10-mine.provisioners.yaml");
    writeFileSync(prov, "- uri: template://mine/redis\n  type: redis\n  environments: [prod]\n  outputs: |\n    host: mine\n");
    const r = runCli(["provisioners", "list", "--provisioners", prov, "--format", "json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout).provisioners;
    expect(list[0]).toMatchObject({ uri: "template://mine/redis", type: "redis", environments: ["prod"] });
    expect(list.some((p: { uri: string }) => p.uri === "template://default-provisioners/postgres")).toBe(true);
    const table = runCli(["provisioners", "list", "--provisioners", prov]).stdout;
    expect(table.split("\n")[0]).toMatch(/^TYPE\s+CLASS\s+ID\s+ENVIRONMENTS\s+URI\s+FILE$/);
  });

  it("resources list names each resource, its provisioner and outputs", () => {
    const r = runCli(["resources", "list", ...inputs, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resources).toEqual([
      {
        uid: "service-port.default#workload-b.dependency",
        type: "service-port",
        class: "default",
        id: "workload-b.dependency",
        workloads: ["workload-b"],
        provisioner: "template://default-provisioners/service-port",
        outputs: ["hostname", "port"],
      },
    ]);
  });
});

describe.each(["helm", "terraform"])("generate -t %s", (target) => {
  it("writes atomically and --check gates drift", () => {
    const out = join(tmp, target);
    expect(runCli(["generate", ...inputs, "-t", target, "-o", out]).code).toBe(0);
    const all = readdirSync(out).sort();
    expect(all).toContain(".scorec-manifest.json");
    const files = all.filter((f) => f !== ".scorec-manifest.json");
    expect(files.length).toBe(2);
    expect(files.some((f) => f.includes(".scorec-tmp"))).toBe(false);
    expect(runCli(["generate", ...inputs, "-t", target, "-o", out, "--check"]).code).toBe(0);
    const first = join(out, files[0]!);
    writeFileSync(first, readFileSync(first, "utf8") + "\n");
    const stale = runCli(["generate", ...inputs, "-t", target, "-o", out, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`--- a/${files[0]}`);
  });
});
