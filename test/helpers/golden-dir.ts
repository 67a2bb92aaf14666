// Compare a set of artifacts with a golden folder, or (UPDATE_GOLDEN=1) rewrite the folder from them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { expect } from "vitest";
import type { Artifact } from "../../src/emit/target.js";

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out;
}

const bytes = (c: string | Uint8Array) => (typeof c === "string" ? Buffer.from(c) : Buffer.from(c));

export function expectGoldenDir(dir: string, artifacts: readonly Artifact[]): void {
  if (process.env.UPDATE_GOLDEN === "1") {
    rmSync(dir, { recursive: true, force: true });
    for (const a of artifacts) {
      mkdirSync(dirname(join(dir, a.path)), { recursive: true });
      writeFileSync(join(dir, a.path), bytes(a.content));
    }
    return;
  }
  expect(listFiles(dir), `files in ${dir}`).toEqual(artifacts.map((a) => a.path).sort());
  for (const a of artifacts) expect(bytes(a.content).toString("utf8"), a.path).toBe(readFileSync(join(dir, a.path), "utf8"));
}
