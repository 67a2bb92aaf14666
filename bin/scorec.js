#!/usr/bin/env node
// Thin launcher: the bundled CLI lives in dist/cli/ (built by `npm ci` through the `prepare` script:
// tsc, then scripts/bundle-cli.mjs).
import("../dist/cli/scorec.mjs").then(
  (m) => m.main(process.argv.slice(2)),
  (e) => {
    process.stderr.write(`scorec: cannot start (${e && e.message ? e.message.split("\n")[0] : e}); run npm ci to build dist/\n`);
    process.exitCode = 2;
  },
);
