// The spec later stages read is the document as parsed, shared rather than copied: normalisation copies
// only the path to the field it rewrites, so the document as written stays as written.
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const HEAD = "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n";

describe("spec and raw", () => {
  it("a workload with nothing to normalise is one value: no copy is made", () => {
    const r = check([{ path: "web.score.yaml", contents: `${HEAD}  main:\n    image: nginx\n    variables: {A: "1"}\n` }]);
    const w = r.tree.workloads[0]!;
    expect(r.diagnostics).toEqual([]);
    expect(w.spec).toBe(w.raw);
  });

  it("list-form files become a map in the spec; the raw document and the other containers are untouched", () => {
    const text = `${HEAD}  main:\n    image: nginx\n    files:\n      - target: /a\n        content: x\n    volumes:\n      - target: /data\n        source: v\n  side:\n    image: busybox\n`;
    const r = check([{ path: "web.score.yaml", contents: text }]);
    const w = r.tree.workloads[0]!;
    const raw = w.raw as { containers: Record<string, Record<string, unknown>> };
    expect(raw.containers.main!.files).toEqual([{ target: "/a", content: "x" }]);
    expect(raw.containers.main!.volumes).toEqual([{ target: "/data", source: "v" }]);
    expect(w.spec!.containers.main!.files).toEqual({ "/a": { content: "x" } });
    expect(w.spec!.containers.main!.volumes).toEqual({ "/data": { source: "v" } });
    expect(Object.keys(w.spec!.containers.main!)).toEqual(["image", "files", "volumes"]);
    expect(w.spec!.containers.side).toBe(raw.containers.side);
    expect(w.spec!.metadata).toBe(w.raw.metadata);
    // Findings still point at the list items as written.
    expect(r.diagnostics.map((d) => [d.ruleId, d.range.start.line])).toEqual([
      ["score/deprecated-list-form", 6],
      ["score/deprecated-list-form", 9],
    ]);
  });
});
