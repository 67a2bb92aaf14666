import * as fs from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeArtifacts } from "../../src/emit/artifact-writer.js";
import { checkDrift } from "../../src/emit/drift.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "scorec-drift-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lines = (n: number, change?: [number, string]) =>
  Array.from({ length: n }, (_, i) => (change && change[0] === i + 1 ? change[1] : `line ${i + 1}`)).join("\n") + "\n";

describe("checkDrift", () => {
  it("is not stale when the disk matches", () => {
    const arts = [{ path: "compose.yaml", content: "a: 1\n" }, { path: "sub/x.sh", content: "x\n", mode: 0o755 }];
    writeArtifacts(dir, arts);
    expect(checkDrift(dir, arts)).toEqual({ stale: false, diff: "", missing: [], changed: [], leftover: [] });
  });

  it("diffs a changed file with 3 lines of context and no timestamps", () => {
    writeArtifacts(dir, [{ path: "compose.yaml", content: lines(10) }]);
    const r = checkDrift(dir, [{ path: "compose.yaml", content: lines(10, [5, "changed"]) }]);
    expect(r.stale).toBe(true);
    expect(r.diff).toBe(
      [
        "--- a/compose.yaml",
        "+++ b/compose.yaml",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+changed",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("shows a missing file as all added, files in path order", () => {
    writeArtifacts(dir, [{ path: "b.yaml", content: "same\n" }]);
    const r = checkDrift(dir, [
      { path: "c.yaml", content: "new\nfile\n" },
      { path: "b.yaml", content: "same\n" },
      { path: "a.yaml", content: "x: 1" },
    ]);
    expect(r.stale).toBe(true);
    expect(r.diff).toBe(
      [
        "--- /dev/null",
        "+++ b/a.yaml",
        "@@ -0,0 +1,1 @@",
        "+x: 1",
        "\\ No newline at end of file",
        "--- /dev/null",
        "+++ b/c.yaml",
        "@@ -0,0 +1,2 @@",
        "+new",
        "+file",
        "",
      ].join("\n"),
    );
  });

  it("reports binary and mode differences", () => {
    writeArtifacts(dir, [{ path: "bin", content: new Uint8Array([0xff]) }, { path: "run.sh", content: "x\n" }]);
    const r = checkDrift(dir, [
      { path: "bin", content: new Uint8Array([0xfe]) },
      { path: "run.sh", content: "x\n", mode: 0o755 },
    ]);
    expect(r.stale).toBe(true);
    const modeLine = process.platform === "win32" ? "" : "run.sh: mode 0644 on disk, 0755 expected\n";
    expect(r.diff).toBe("Binary files a/bin and b/bin differ\n" + modeLine);
  });

  it("reports an artifact whose folder is a file on disk", () => {
    fs.writeFileSync(join(dir, "mounts"), "a file\n");
    expect(checkDrift(dir, [{ path: "mounts/x", content: "x\n" }])).toEqual({
      stale: true,
      diff: "mounts/x: a folder above it is a file on disk\n",
      missing: [],
      changed: ["mounts/x"],
      leftover: [],
    });
  });

  it("does not look at files no artifact names", () => {
    fs.writeFileSync(join(dir, "user.txt"), "mine\n");
    expect(checkDrift(dir, []).stale).toBe(false);
  });
});
