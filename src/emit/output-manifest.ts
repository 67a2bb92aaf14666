// `.scorec-manifest.json`: what scorec wrote in an output folder, per target, with each file's sha256. It
// lets a later run remove files it wrote and no longer produces (a deleted resource's mount file holding
// a password), and never anything else: a file is pruned only when its bytes are still those recorded.
// Deterministic: no dates, keys in code-point order.
import { byCodePoint } from "../diagnostics/diagnostic.js";
import { sha256, toHex } from "../hash/digests.js";
import { contentBytes } from "./artifact-content.js";
import { ArtifactPathError, pathProblem } from "./artifact-paths.js";
import { toJson } from "./json-writer.js";
import type { Artifact } from "./target.js";

export const MANIFEST_NAME = ".scorec-manifest.json";

/** target → (path relative to the output folder → sha256 hex of the bytes written). */
export interface OutputManifest {
  version: 1;
  targets: Record<string, Record<string, string>>;
}

/** The manifest on disk is not one scorec can trust: nothing is pruned, the run stops. */
export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

export const emptyManifest = (): OutputManifest => ({ version: 1, targets: {} });

export function digestOf(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads a manifest, checking every path with the artifact path rules (a tampered one could name ../x). */
export function parseManifest(text: string): OutputManifest {
  const bad = (why: string) => new ManifestError(`${MANIFEST_NAME} is not a scorec manifest (${why}); delete it to start afresh`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad("not JSON");
  }
  if (!isMap(v) || v.version !== 1 || !isMap(v.targets)) throw bad("expected version 1 and targets");
  const out: OutputManifest = emptyManifest();
  for (const [target, files] of Object.entries(v.targets)) {
    if (!isMap(files)) throw bad(`targets.${target} is not a map`);
    const entries: Record<string, string> = Object.create(null);
    for (const [path, digest] of Object.entries(files)) {
      const problem = pathProblem(path);
      if (problem || path === MANIFEST_NAME) throw bad(`bad path ${JSON.stringify(path)}: ${problem ?? "the manifest itself"}`);
      if (typeof digest !== "string" || !/^[0-9a-f]{64}$/.test(digest)) throw bad(`bad digest for ${JSON.stringify(path)}`);
      entries[path] = digest;
    }
    out.targets[target] = entries;
  }
  return out;
}

/**
 * The manifest after writing `artifacts` for `target`: that target's entries are replaced; a path it now
 * writes leaves other targets' entries (it changed hands), the rest of them stay.
 */
export function nextManifest(previous: OutputManifest, target: string, artifacts: readonly Artifact[]): OutputManifest {
  const mine: Record<string, string> = {};
  for (const a of artifacts) mine[a.path] = digestOf(contentBytes(a.content));
  const targets: OutputManifest["targets"] = {};
  for (const [t, files] of Object.entries(previous.targets)) {
    if (t === target) continue;
    const kept = Object.fromEntries(Object.entries(files).filter(([p]) => !(p in mine)));
    if (Object.keys(kept).length) targets[t] = kept;
  }
  targets[target] = mine;
  return { version: 1, targets };
}

export function manifestArtifact(m: OutputManifest): Artifact {
  return { path: MANIFEST_NAME, content: toJson(m) };
}

/** Paths `target` wrote before (per `previous`) that it no longer produces, with their recorded digest. */
export function droppedFiles(previous: OutputManifest, target: string, artifacts: readonly Artifact[]): [string, string][] {
  const produced = new Set(artifacts.map((a) => a.path));
  const others = new Set(Object.entries(previous.targets).flatMap(([t, files]) => (t === target ? [] : Object.keys(files))));
  return Object.entries(previous.targets[target] ?? {})
    .filter(([p]) => !produced.has(p) && !others.has(p))
    .sort(([a], [b]) => byCodePoint(a, b));
}

/** The manifest's name is scorec's own: no target may produce a file with it. */
export function refuseManifestName(artifacts: readonly Artifact[]): void {
  if (artifacts.some((a) => a.path === MANIFEST_NAME)) throw new ArtifactPathError(MANIFEST_NAME, "the name is reserved for scorec's manifest");
}
