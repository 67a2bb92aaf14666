// OPA bundles (`opa build -t wasm …` → bundle.tar.gz): the compiled module(s), the base data documents
// and the `.manifest`. We read them in memory; nothing is extracted to disk.
import { deepMerge } from "../../data/deep-merge.js";
import { byCodePoint } from "../../diagnostics/diagnostic.js";
import { gunzipSync } from "node:zlib";
import { parse as parseYamlText } from "yaml";
import { WasmPolicyLoadError, describeThrown } from "./load-error.js";
import { TarFormatError, readTar } from "./tar.js";

/** `.manifest` fields we use; see OPA's bundle format. */
export interface BundleManifest {
  revision?: string;
  roots?: string[];
  /** Which module answers which entrypoint, e.g. `{entrypoint: "main/deny", module: "/policy.wasm"}`. */
  wasm?: { entrypoint: string; module: string; annotations?: unknown[] }[];
  metadata?: Record<string, unknown>;
}

export interface PolicyBundle {
  /** Module bytes by bundle path ("/policy.wasm"). */
  modules: Map<string, Uint8Array>;
  /** Entrypoints a module is responsible for, when the manifest says; otherwise all of its own. */
  moduleEntrypoints: Map<string, string[] | undefined>;
  /** Every data.json / data.yaml merged at its directory's path. */
  data: Record<string, unknown>;
  manifest?: BundleManifest;
}

export interface BundleLimits {
  /** Cap on the gunzipped archive; gzip bombs stop here. */
  maxArchiveBytes: number;
  /** Cap on any one file in it. */
  maxFileBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { maxArchiveBytes: 256 * 1024 * 1024, maxFileBytes: 64 * 1024 * 1024 };

/** "policy.wasm", "./policy.wasm" and "/policy.wasm" are the same bundle file. */
function bundlePath(name: string): string {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  return "/" + parts.join("/");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Later documents win on conflicting leaves; objects merge key by key. */
/** Bundle data documents merge like any other data (copying, never mutating). */
export const mergeData = (into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> => deepMerge(into, from);

function placeAt(path: string[], value: unknown): Record<string, unknown> {
  let doc: unknown = value;
  for (const key of [...path].reverse()) doc = { [key]: doc };
  return isObject(doc) ? doc : {};
}

function parseManifest(file: string, bytes: Uint8Array): BundleManifest {
  let m: unknown;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new WasmPolicyLoadError(file, "wasm/bad-manifest", `bundle .manifest is not valid JSON: ${describeThrown(e)}`);
  }
  if (!isObject(m)) throw new WasmPolicyLoadError(file, "wasm/bad-manifest", "bundle .manifest must be a JSON object");
  const wasm = m.wasm;
  if (wasm !== undefined) {
    if (!Array.isArray(wasm) || !wasm.every((w) => isObject(w) && typeof w.entrypoint === "string" && typeof w.module === "string")) {
      throw new WasmPolicyLoadError(file, "wasm/bad-manifest", 'bundle .manifest "wasm" must be a list of {"entrypoint", "module"} entries');
    }
  }
  return m as BundleManifest;
}

export function readBundle(file: string, gz: Uint8Array, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): PolicyBundle {
  if (gz.length > limits.maxArchiveBytes) throw new WasmPolicyLoadError(file, "wasm/too-large", `bundle is ${gz.length} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
  let tar: Uint8Array;
  try {
    tar = gunzipSync(gz, { maxOutputLength: limits.maxArchiveBytes });
  } catch (e) {
    const tooBig = e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw tooBig
      ? new WasmPolicyLoadError(file, "wasm/too-large", `bundle is larger than ${limits.maxArchiveBytes} bytes when uncompressed`)
      : new WasmPolicyLoadError(file, "wasm/corrupt-bundle", `bundle is not a valid gzip file: ${describeThrown(e)}`);
  }
  let entries;
  try {
    entries = readTar(tar, { maxFileBytes: limits.maxFileBytes });
  } catch (e) {
    const code = /limit/.test(describeThrown(e)) ? "wasm/too-large" : "wasm/corrupt-bundle";
    if (e instanceof TarFormatError) throw new WasmPolicyLoadError(file, code, `bundle archive is corrupt: ${e.message}`);
    throw e;
  }

  const modules = new Map<string, Uint8Array>();
  let manifest: BundleManifest | undefined;
  let data: Record<string, unknown> = {};
  // data files merge shallowest first, so a nested document refines its parent's
  const dataFiles = entries
    .map((e) => ({ ...e, path: bundlePath(e.name) }))
    .sort((a, b) => a.path.split("/").length - b.path.split("/").length || byCodePoint(a.path, b.path));
  for (const entry of dataFiles) {
    const { path } = entry;
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (path === "/.manifest") manifest = parseManifest(file, entry.data);
    else if (base.endsWith(".wasm")) modules.set(path, entry.data);
    else if (base === "data.json" || base === "data.yaml" || base === "data.yml") {
      let doc: unknown;
      try {
        const textValue = new TextDecoder("utf-8", { fatal: true }).decode(entry.data);
        doc = base === "data.json" ? JSON.parse(textValue) : parseYamlText(textValue);
      } catch (e) {
        throw new WasmPolicyLoadError(file, "wasm/bad-data", `bundle ${path} is not valid ${base.endsWith(".json") ? "JSON" : "YAML"}: ${describeThrown(e)}`);
      }
      const dir = path.split("/").slice(1, -1);
      if (dir.length === 0 && !isObject(doc)) throw new WasmPolicyLoadError(file, "wasm/bad-data", `bundle ${path} must hold a JSON object`);
      data = mergeData(data, placeAt(dir, doc));
    }
  }

  const moduleEntrypoints = new Map<string, string[] | undefined>();
  if (manifest?.wasm?.length) {
    // the manifest names each entrypoint's module; modules it does not name are not loaded
    for (const { entrypoint, module } of manifest.wasm) {
      const path = bundlePath(module);
      if (!modules.has(path)) throw new WasmPolicyLoadError(file, "wasm/missing-module", `bundle .manifest maps entrypoint ${entrypoint} to ${path}, which is not in the bundle`);
      moduleEntrypoints.set(path, [...(moduleEntrypoints.get(path) ?? []), entrypoint]);
    }
  } else if (modules.size === 0) {
    throw new WasmPolicyLoadError(file, "wasm/missing-module", "bundle has no policy.wasm (build it with `opa build -t wasm -e <entrypoint>`)");
  } else if (modules.size > 1) {
    throw new WasmPolicyLoadError(
      file,
      "wasm/several-modules",
      `bundle has ${modules.size} wasm modules (${[...modules.keys()].join(", ")}) but its .manifest does not say which entrypoint each one answers`,
    );
  } else {
    moduleEntrypoints.set([...modules.keys()][0]!, undefined);
  }
  for (const path of [...modules.keys()]) if (!moduleEntrypoints.has(path)) modules.delete(path);
  return { modules, moduleEntrypoints, data, manifest };
}
