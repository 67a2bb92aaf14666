#!/usr/bin/env node
// Launcher: runs the bundled CLI in dist/cli/ (built by `npm ci` through the `prepare` script: tsc, then
// scripts/bundle-cli.mjs, which says why the bundle is two packs of CommonJS functions compiled here with
// vm.Script), the core pack compiled from the V8 code cache made at build time when V8 accepts it.
// CommonJS (bin/package.json), not an ES module: Node 20 starts a CommonJS entry without its ES-module loader.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const DIR = join(__dirname, "..", "dist", "cli");
const CORE = join(DIR, "scorec-core.cjs");
const REST = join(DIR, "scorec-rest.cjs");
const CODE_CACHE = join(DIR, "scorec.code-cache");

/**
 * Compiles the core pack and runs the entry; the rest pack is compiled on the first require() of a module not in
 * the core. Returns the entry's exports, the core's compiled script (for the cache) and the loaded module names.
 */
function loadCli() {
  const { Script } = require("node:vm");
  const { createRequire } = require("node:module");
  const { pathToFileURL } = require("node:url");
  const { posix } = require("node:path");
  const compile = (file, bytes, cachedData) =>
    // A cache of another Node version or other V8 flags is rejected (script.cachedDataRejected): V8 then compiles
    // from source, which is only slower. Packs are ASCII (bundle-cli.mjs).
    new Script(bytes.latin1Slice(0, bytes.length), { filename: file, cachedData });
  const coreBytes = readFileSync(CORE);
  const core = compile(CORE, coreBytes, openCodeCache(coreBytes));
  const coreModules = core.runInThisContext();
  let restModules;
  const nodeRequire = createRequire(CORE);
  const loaded = new Map();
  const load = (name) => {
    let mod = loaded.get(name);
    if (mod) return mod.exports;
    const init = coreModules[name] ?? (restModules ??= compile(REST, readFileSync(REST)).runInThisContext())[name];
    if (!init) throw new Error(`scorec bundle: no module ${name} in ${DIR}`);
    mod = { exports: {} };
    loaded.set(name, mod);
    const file = join(DIR, name); // where the chunk would be: import.meta.url and package-root.ts walk up from it
    const here = posix.dirname(name);
    const requireHere = (spec) => (spec.startsWith("./") || spec.startsWith("../") ? load(posix.join(here, spec)) : nodeRequire(spec));
    try {
      init(mod.exports, requireHere, mod, file, join(DIR, here), pathToFileURL(file).href);
    } catch (e) {
      // As a failed import() does: the next load runs the module again, never hands out its half-made exports.
      loaded.delete(name);
      throw e;
    }
    return mod.exports;
  };
  return { cli: load("scorec.js"), core, loaded: () => [...loaded.keys()] };
}

/**
 * The code cache file is a SHA-256 seal over the core pack and the cache bytes, then V8's cache. V8 checks a
 * cache only against its own version, flags and the source's length: damaged cache bytes crash node (a fatal
 * V8 check, no message, no exit code of ours), and a pack edited in place at the same length would run the old
 * bytecode. A seal that does not match means: compile from source (costs ~1.5 ms to check).
 */
function sealCodeCache(coreBytes, cachedData) {
  return Buffer.concat([cacheSeal(coreBytes, cachedData), cachedData]);
}

function openCodeCache(coreBytes) {
  let file;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return undefined; // no cache (the warm-up failed): compile from source
  }
  if (file.length <= SEAL_BYTES) return undefined;
  const cachedData = file.subarray(SEAL_BYTES);
  return cacheSeal(coreBytes, cachedData).equals(file.subarray(0, SEAL_BYTES)) ? cachedData : undefined;
}

const SEAL_BYTES = 32;
function cacheSeal(coreBytes, cachedData) {
  return require("node:crypto").createHash("sha256").update(coreBytes).update(cachedData).digest();
}

if (require.main === module) {
  let cli;
  try {
    cli = loadCli().cli;
  } catch (e) {
    process.stderr.write(`scorec: cannot start (${e && e.message ? e.message.split("\n")[0] : e}); run npm ci to build dist/\n`);
    process.exitCode = 2;
  }
  if (cli) cli.main(process.argv.slice(2));
} else {
  module.exports = { loadCli, CODE_CACHE, CORE, sealCodeCache };
}
