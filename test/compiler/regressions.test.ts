// Bugs found in review, each pinned by a test.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";
import { check } from "../../src/api/check.js";
import { checkDrift } from "../../src/emit/drift.js";
import { loadProvisioners } from "../../src/provision/load-provisioners.js";
import { composeTarget } from "../../targets/compose/index.js";
import { REPO } from "../helpers/paths.js";

const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx:1.27\n";
const gen = (text: string, extra = {}) => generate([{ path: join(REPO, "r.score.yaml"), contents: text }], { target: "compose", outputDir: "out", root: REPO, ...extra });
const errors = <D extends { severity: string }>(ds: D[]): D[] => ds.filter((d) => d.severity === "error");

describe("review regressions", () => {
  it("generate reports each placeholder error once, like check", async () => {
    const text = head + "    variables:\n      A: ${nope.a}\n      B: ${metadata.nmae}\n";
    const c = errors(check([{ path: join(REPO, "r.score.yaml"), contents: text }], { root: REPO }).diagnostics);
    const g = errors((await gen(text)).diagnostics);
    expect(c).toHaveLength(2);
    expect(g).toEqual(c);
  });

  it("underlines the real placeholder, not an escaped copy before it", () => {
    const text = head + '    variables:\n      A: "$${resources.nope.x} ${resources.nope.x}"\n';
    const e = errors(check([{ path: join(REPO, "r.score.yaml"), contents: text }], { root: REPO }).diagnostics);
    expect(e).toHaveLength(1);
    expect(e[0]!.range.start).toMatchObject({ line: 8, column: 32 }); // the second ${…}; the first is escaped by its extra $
  });

  it("a whole-resource reference inside a longer volume source is an error, not {}", async () => {
    const text = head + "    volumes:\n      /data:\n        source: ${resources.vol}x\nresources:\n  vol:\n    type: volume\n";
    const r = await gen(text);
    expect(errors(r.diagnostics).map((d) => d.ruleId)).toEqual(["score/unknown-resource"]);
    expect(r.artifacts).toBeUndefined();
    const ok = await gen(text.replace("${resources.vol}x", "${resources.vol}"));
    expect(errors(ok.diagnostics)).toEqual([]);
  });

  it("file targets with . or .. segments are refused where they are written", async () => {
    const text = head + "    files:\n      /../../etc/hostname:\n        content: x\n";
    const r = await gen(text);
    expect(errors(r.diagnostics).map((d) => [d.ruleId, d.range.start.line])).toEqual([["score/file-target", 8]]);
    expect(() => checkDrift(join(REPO, "out"), [{ path: "mounts/../../etc/hostname", content: "x" }])).toThrow();
  });

  it("a provisioner set reused across runs (the language server) does not accumulate findings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorec-reuse-"));
    writeFileSync(join(dir, "10-broken.provisioners.yaml"), "- uri: template://broken\n  type: dns\n  outputs: |\n    host: {{ .Id\n");
    const set = loadProvisioners({ builtInDir: composeTarget.defaultProvisionersDir, paths: [dir] });
    const text = head + "resources:\n  dd:\n    type: dns\n";
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push((await gen(text, { loadedProvisioners: set, emit: false })).diagnostics.length);
    expect(counts[0]).toBeGreaterThanOrEqual(2); // on the resource and on the provisioner file
    expect(new Set(counts).size).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});
