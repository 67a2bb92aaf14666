#!/usr/bin/env node
// Launcher: runs the bundled CLI, dist/cli/scorec.cjs (built by `npm ci` through the `prepare` script: tsc, then
// scripts/bundle-cli.mjs), compiled from the V8 code cache made at build time when V8 accepts it.
// CommonJS (bin/package.json), not an ES module: Node 20 starts a CommonJS entry without its ES-module loader.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const DIR = join(__dirname, "..", "dist", "cli");
const BUNDLE = join(DIR, "scorec.cjs");
const CODE_CACHE = join(DIR, "scorec.code-cache");

/** Compiles and runs the bundle's top level; returns its exports and the compiled script (for the cache). */
function loadCli() {
  const { Script } = require("node:vm");
  const { createRequire } = require("node:module");
  const { pathToFileURL } = require("node:url");
  const source = readFileSync(BUNDLE, "latin1"); // the bundle is ASCII (bundle-cli.mjs)
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    // no cache (e.g. the warm-up failed): compile from source
  }
  // A cache of another Node version or other V8 flags is rejected (script.cachedDataRejected): V8 then compiles
  // from source, which is only slower.
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, DIR, pathToFileURL(BUNDLE).href);
  return { cli: bundle.exports, script };
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
  module.exports = { loadCli, CODE_CACHE };
}
