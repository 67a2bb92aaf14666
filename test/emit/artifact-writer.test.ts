import * as fs from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactPathError, ArtifactWriteError, writeArtifacts, type WriterFs } from "../../src/emit/artifact-writer.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "scorec-writer-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every file and folder under `root` (relative, sorted) with file contents, to compare before/after. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[p + "/"] = "";
        walk(p);
      } else out[p] = fs.readFileSync(join(root, p), "utf8");
    }
  };
  walk("");
  return out;
}

const mode = (p: string) => fs.statSync(join(dir, p)).mode & 0o777;

describe("writeArtifacts", () => {
  it("writes files, creating folders, with the requested modes", () => {
    const r = writeArtifacts(join(dir, "out"), [
      { path: "compose.yaml", content: "name: x\n" },
      { path: "mounts/files/web/run.sh", content: "#!/bin/sh\n", mode: 0o755 },
      { path: "mounts/bin", content: new Uint8Array([0, 1, 255]) },
    ]);
    expect(r).toEqual({ written: ["compose.yaml", "mounts/files/web/run.sh", "mounts/bin"], unchanged: [], pruned: [], kept: [] });
    expect(fs.readFileSync(join(dir, "out/compose.yaml"), "utf8")).toBe("name: x\n");
    expect([...fs.readFileSync(join(dir, "out/mounts/bin"))]).toEqual([0, 1, 255]);
    if (process.platform !== "win32") {
      expect(mode("out/compose.yaml")).toBe(0o644);
      expect(mode("out/mounts/files/web/run.sh")).toBe(0o755);
    }
    expect(Object.keys(snapshot(dir)).some((p) => p.includes("scorec-tmp"))).toBe(false);
  });

  it("leaves identical files alone (mtime unchanged) and rewrites changed ones", () => {
    const arts = [
      { path: "a.yaml", content: "a: 1\n" },
      { path: "b.yaml", content: "b: 1\n" },
    ];
    writeArtifacts(dir, arts);
    const old = new Date("2001-01-01T00:00:00Z");
    for (const p of ["a.yaml", "b.yaml"]) fs.utimesSync(join(dir, p), old, old);
    const r = writeArtifacts(dir, [arts[0]!, { path: "b.yaml", content: "b: 2\n" }]);
    expect(r).toEqual({ written: ["b.yaml"], unchanged: ["a.yaml"], pruned: [], kept: [] });
    expect(fs.statSync(join(dir, "a.yaml")).mtimeMs).toBe(old.getTime());
    expect(fs.statSync(join(dir, "b.yaml")).mtimeMs).not.toBe(old.getTime());
    expect(fs.readFileSync(join(dir, "b.yaml"), "utf8")).toBe("b: 2\n");
  });

  it.skipIf(process.platform === "win32")("fixes a wrong mode without rewriting the content", () => {
    writeArtifacts(dir, [{ path: "run.sh", content: "x\n" }]);
    const r = writeArtifacts(dir, [{ path: "run.sh", content: "x\n", mode: 0o755 }]);
    expect(r.written).toEqual(["run.sh"]);
    expect(mode("run.sh")).toBe(0o755);
  });

  it("never deletes files it did not write", () => {
    fs.writeFileSync(join(dir, "mine.txt"), "keep\n");
    writeArtifacts(dir, [{ path: "compose.yaml", content: "x: 1\n" }]);
    expect(snapshot(dir)).toEqual({ "mine.txt": "keep\n", "compose.yaml": "x: 1\n" });
  });

  const bad: [string, string[], RegExp][] = [
    ["absolute", ["/etc/passwd"], /absolute/],
    ["a drive letter", ["C:/x"], /absolute/],
    ["..", ["ok.txt", "a/../../x"], /\.\. segment/],
    [".", ["./x"], /\. segment/],
    ["a backslash", ["a\\b"], /backslash/],
    ["an empty segment", ["a//b"], /empty segment/],
    ["a trailing slash", ["a/"], /empty segment/],
    ["empty", [""], /empty/],
    ["a duplicate", ["x", "y", "x"], /two artifacts/],
    ["a file that is also a folder", ["a", "a/b"], /folder a is also an artifact file/],
    ["a folder that is also a file", ["a/b", "a"], /also a folder/],
  ];
  it.each(bad)("rejects %s before writing anything", (_what, paths, reason) => {
    fs.writeFileSync(join(dir, "existing"), "e\n");
    const before = snapshot(dir);
    let err: unknown;
    try {
      writeArtifacts(dir, paths.map((p) => ({ path: p, content: "new\n" })));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArtifactPathError);
    expect((err as Error).message).toMatch(reason);
    expect(paths).toContain((err as ArtifactPathError).path);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses an output folder that is a file", () => {
    fs.writeFileSync(join(dir, "out"), "x\n");
    expect(() => writeArtifacts(join(dir, "out"), [{ path: "a", content: "" }])).toThrow(/is a file/);
    expect(() => writeArtifacts(join(dir, "out", "deeper"), [{ path: "a", content: "" }])).toThrow(ArtifactWriteError);
    expect(snapshot(dir)).toEqual({ out: "x\n" });
  });

  it("rejects a bad mode before writing anything", () => {
    expect(() => writeArtifacts(dir, [{ path: "x", content: "", mode: 0o10000 }])).toThrow(ArtifactPathError);
    expect(snapshot(dir)).toEqual({});
  });

  it("refuses a path where a folder exists, before writing anything", () => {
    fs.mkdirSync(join(dir, "mounts/data"), { recursive: true });
    const before = snapshot(dir);
    expect(() =>
      writeArtifacts(dir, [
        { path: "compose.yaml", content: "x\n" },
        { path: "mounts/data", content: "y\n" },
      ]),
    ).toThrow(/"mounts\/data": a folder with this name exists on disk/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a path below an existing file, before writing anything", () => {
    fs.writeFileSync(join(dir, "mounts"), "a file\n");
    const before = snapshot(dir);
    expect(() => writeArtifacts(dir, [{ path: "a.txt", content: "" }, { path: "mounts/x/y", content: "" }])).toThrow(
      /mounts is a file on disk/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("removes its temp files and new folders when a write fails, leaving old files intact", () => {
    fs.writeFileSync(join(dir, "a.yaml"), "old a\n");
    const before = snapshot(dir);
    let calls = 0;
    const failing: WriterFs = {
      ...fs,
      writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
        if (++calls === 3) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        fs.writeFileSync(...args);
      }) as typeof fs.writeFileSync,
    };
    let err: unknown;
    try {
      writeArtifacts(
        dir,
        [
          { path: "a.yaml", content: "new a\n" },
          { path: "deep/er/b.yaml", content: "b\n" },
          { path: "deep/c.yaml", content: "c\n" },
        ],
        failing,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArtifactWriteError);
    expect((err as ArtifactWriteError).path).toBe("deep/c.yaml");
    expect((err as Error).message).toBe("could not write deep/c.yaml: ENOSPC: no space left on device");
    expect(snapshot(dir)).toEqual(before);
  });

  it("removes the remaining temp files when a rename fails", () => {
    const failing: WriterFs = {
      ...fs,
      renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
        if (String(to).endsWith("b.yaml")) throw new Error("EIO: i/o error");
        fs.renameSync(from, to);
      }) as typeof fs.renameSync,
    };
    expect(() =>
      writeArtifacts(
        dir,
        [
          { path: "a.yaml", content: "a\n" },
          { path: "b.yaml", content: "b\n" },
          { path: "c.yaml", content: "c\n" },
        ],
        failing,
      ),
    ).toThrow("could not write b.yaml: EIO: i/o error");
    // a.yaml was already in place (complete); b and c never appeared, and no temp file is left.
    expect(snapshot(dir)).toEqual({ "a.yaml": "a\n" });
  });

  it("names temp files deterministically beside their targets", () => {
    const temps: string[] = [];
    const spy: WriterFs = {
      ...fs,
      writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
        temps.push(String(args[0]).slice(dir.length + 1));
        fs.writeFileSync(...args);
      }) as typeof fs.writeFileSync,
    };
    writeArtifacts(dir, [{ path: "a.yaml", content: "a\n" }, { path: "sub/b.yaml", content: "b\n" }], spy);
    expect(temps).toEqual([".a.yaml.scorec-tmp-0", "sub/.b.yaml.scorec-tmp-1"]);
  });

  it("does not overwrite a file that happens to have the temp name", () => {
    fs.writeFileSync(join(dir, ".x.yaml.scorec-tmp-0"), "user file\n");
    writeArtifacts(dir, [{ path: "x.yaml", content: "x\n" }]);
    expect(snapshot(dir)).toEqual({ ".x.yaml.scorec-tmp-0": "user file\n", "x.yaml": "x\n" });
  });
});
