// Bundle the command line into dist/cli/ (run by `prepare` and `build`, after tsc), then make its V8 code cache.
//
// Why one bundle: a single `scorec check` used to load ~170 ES modules of dist/ plus the CommonJS files of yaml,
// ajv, commander, unified and vfile; resolving, reading and compiling them one by one cost more than the check.
//
// Why CommonJS text run through `vm.Script` (bin/scorec.js): Node 20 has no compile cache for ES modules
// (`module.enableCompileCache()` is Node 22), but a `vm.Script` takes V8 `cachedData`. The cache is made here,
// after a warm-up check in a child process (scripts/warm-code-cache.cjs), so it holds the bytecode of every
// function a check runs, not only the top level: a single-file check then compiles next to nothing. A cache made
// by another Node version or other V8 flags is rejected by V8 and the launcher compiles from source as before.
//
// Lazy parts stay lazy: esbuild turns each dynamic `import()` of the sources (`lsp`, `generate`'s targets, `init`,
// `policy test`, the Rego engine, the WASM sandbox…) into a closure that runs that module's top level on first
// use, so a check reads their text but runs none of it.
//
// The input is tsc's output (dist/src, dist/targets), so the bundle runs exactly the code the library API, the
// tests' installed copy and the WASM worker run. What stays outside the bundle and why:
//  - dist/src/policy/wasm/eval-worker.js: a worker thread's entry is a file; sandbox.ts falls back to it when no
//    eval-worker.js sits next to the running module, which is the case for the bundle;
//  - graphql, hcl2-parser and ajv's runtime helpers: loaded by createRequire (esbuild leaves those calls alone);
//  - node: built-ins.
// `import.meta.url` becomes the bundle's file: URL, so package-root.ts still walks up from dist/cli/ to
// package.json. The output is deterministic (same input, same bytes); the cache is not, and need not be.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ["dist/src/cli/main.js"],
  write: false,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // ASCII, so the launcher reads the file as latin1: one copy, no UTF-8 decode. esbuild escapes strings and names;
  // what it leaves (regular expression literals, comments) is escaped below.
  charset: "ascii",
  define: { "import.meta.url": "__scorecModuleUrl" },
  legalComments: "none",
  logLevel: "warning",
});
// \uXXXX per UTF-16 unit means the same character in a string, a regular expression (with or without the u flag:
// there a surrogate pair of escapes is one code point) and a name, and is harmless in a comment.
// Not after a backslash, where `\\u…` would read as an escaped backslash: none today; fail the build if one appears.
function asciiOnly(code) {
  const escaped = /\\[^\x00-\x7f]/.exec(code);
  if (escaped) throw new Error(`bundle-cli: a non-ASCII character after a backslash at offset ${escaped.index}; escape it in the source`);
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
// The launcher compiles this text as one function expression, called like Node's CommonJS wrapper. "use strict":
// the sources are ES modules, which are strict.
const wrapped = `(function (exports, require, module, __filename, __dirname, __scorecModuleUrl) {"use strict";\n${asciiOnly(result.outputFiles[0].text)}})`;
writeFileSync(join(outdir, "scorec.cjs"), wrapped);

const warm = spawnSync(process.execPath, [join(root, "scripts", "warm-code-cache.cjs")], { stdio: ["ignore", "ignore", "inherit"] });
// No cache is not an error: the CLI compiles from source. Say so, because start-up is then slower.
if (warm.status !== 0) process.stderr.write(`bundle-cli: no code cache made (warm-up exited ${warm.status ?? warm.signal})\n`);
