#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
import("../dist/src/cli/main.js").then(
  (m) => m.main(process.argv.slice(2)),
  (e) => {
    process.stderr.write(`scorec: cannot start (${e && e.message ? e.message.split("\n")[0] : e}); run npm ci to build dist/\n`);
    process.exitCode = 2;
  },
);
