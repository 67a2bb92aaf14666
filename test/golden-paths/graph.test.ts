// `scorec graph`: workloads → resources (shared once) → provisioners, findings marked, in four formats;
// the HTML page rendered by headless Chromium (no network) with every node present and a screenshot.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/paths.js";
import { realTool } from "../helpers/real-tool.js";
import { runCli } from "../helpers/run-cli.js";

const dir = fixture("compose", "06-resource-provisioning");
const FILES = [join(dir, "score.yaml"), join(dir, "score2.yaml")];
const tmp = mkdtempSync(join(tmpdir(), "scorec-graph-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Graph {
  nodes: { id: string; kind: string; label: string; outputs?: string[]; file?: string; findings: { severity: string; ruleId: string }[] }[];
  edges: { from: string; to: string; kind: string }[];
}

describe("scorec graph", () => {
  it("json: workloads, a shared resource once, provisioners with their file, edges", () => {
    const r = runCli(["graph", ...FILES, "--format", "json"]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout) as Graph;
    expect(g.nodes.map((n) => n.id)).toEqual([
      "workload:workload-one",
      "workload:workload-two",
      "resource:redis.default#main-cache",
      "provisioner:template://default-provisioners/redis",
      "resource:redis.default#workload-two.cache-c",
    ]);
    expect(g.nodes.find((n) => n.kind === "provisioner")!.file).toBe("(built-in)/zz-default.provisioners.yaml");
    expect(g.nodes.find((n) => n.id === "resource:redis.default#main-cache")!.outputs).toEqual(["host", "password", "port", "username"]);
    expect(g.edges.filter((e) => e.to === "resource:redis.default#main-cache").map((e) => e.from)).toEqual(["workload:workload-one", "workload:workload-two"]);
  });

  it("mermaid and dot name every node; the same bytes on every run and argument order", () => {
    const m = runCli(["graph", ...FILES]);
    expect(m.code).toBe(0);
    expect(m.stdout.startsWith("flowchart LR\n")).toBe(true);
    expect(m.stdout).toContain('[("resource: redis main-cache")]');
    expect(runCli(["graph", ...[...FILES].reverse()]).stdout).toBe(m.stdout);
    const d = runCli(["graph", ...FILES, "--format", "dot"]);
    expect(d.stdout).toMatch(/^digraph scorec \{\n/);
    expect(d.stdout.match(/ -> /g)).toHaveLength(5);
  });

  it("findings are marked on the node they concern, and errors exit 1", () => {
    const bad = { path: "bad.score.yaml", contents: "apiVersion: score.dev/v1b1\nmetadata:\n  name: bad\ncontainers:\n  main:\n    image: nginx:1.27\nresources:\n  queue:\n    type: no-such-type\n" };
    const r = runCli(["graph", "-", "--format", "json"], { input: bad.contents });
    expect(r.code).toBe(1);
    const g = JSON.parse(r.stdout) as Graph;
    const res = g.nodes.find((n) => n.kind === "resource")!;
    expect(res.findings.map((f) => f.ruleId)).toEqual(["provision/no-provisioner"]);
    expect(runCli(["graph", "-", "--format", "mermaid"], { input: bad.contents }).stdout).toMatch(/class n1 error/);
    expect(r.stderr).toContain("provision/no-provisioner");
  });

  it("bad --format and unknown target are usage errors", () => {
    expect(runCli(["graph", ...FILES, "--format", "svg"]).stderr).toBe('scorec: --format takes mermaid, dot, html or json, got "svg"\n');
    expect(runCli(["graph", ...FILES, "-t", "nomad"]).code).toBe(2);
  });
});

const chromium = realTool("chromium", "/usr/bin/chromium", ["--version"]);

describe.runIf(chromium)("scorec graph --format html in headless Chromium", () => {
  it("renders without network, shows every node, hover shows outputs and the provisioner file; screenshot taken", async () => {
    const out = join(tmp, "graph.html");
    const r = runCli(["graph", ...FILES, "--format", "html", "-o", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/(src|href)=["']https?:/);
    const { chromium: browserType } = await import("playwright-core");
    // A new empty profile folder (playwright passes it to Chromium as --user-data-dir).
    const browser = await browserType.launchPersistentContext(mkdtempSync(join(tmp, "profile-")), {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (req) => void (req.url().startsWith("file:") || requests.push(req.url())));
      const errors: string[] = [];
      page.on("pageerror", (e) => void errors.push(e.message));
      await page.goto(`file://${out}`);
      const ids = await page.$$eval(".node", (els) => els.map((e) => (e as HTMLElement).dataset.id));
      const g = JSON.parse(runCli(["graph", ...FILES, "--format", "json"]).stdout) as Graph;
      expect(ids).toEqual(g.nodes.map((n) => n.id));
      // Every node is drawn inside the SVG with a real size.
      for (const id of ids) {
        const box = await page.locator(`.node[data-id="${id}"]`).boundingBox();
        expect(box && box.width > 20 && box.height > 20, id).toBe(true);
      }
      await page.hover('.node[data-id="resource:redis.default#main-cache"]');
      expect(await page.textContent("#details")).toContain("outputs: host, password, port, username");
      await page.hover('.node[data-id="provisioner:template://default-provisioners/redis"]');
      expect(await page.textContent("#details")).toContain("provisioner file: (built-in)/zz-default.provisioners.yaml");
      const shot = join(process.env.SCOREC_SCREENSHOT_DIR ?? tmp, "graph.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
