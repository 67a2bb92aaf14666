// Bundle the command line into dist/cli/ (run by `prepare` and `build`, after tsc), then make its V8 code cache.
//
// Why a bundle: a single `scorec check` used to load ~170 ES modules of dist/ plus the CommonJS files of yaml,
// ajv, commander, unified and vfile; resolving, reading and compiling them one by one cost more than the check.
//
// Why CommonJS text run through `vm.Script` (bin/scorec.js): Node 20 has no compile cache for ES modules
// (`module.enableCompileCache()` is Node 22), but a `vm.Script` takes V8 `cachedData`. The cache is made after a
// warm-up check in a child process (scripts/warm-code-cache.cjs), so it holds the bytecode of every function a
// check runs, not only the top level. A cache made by another Node version or other V8 flags is rejected by V8,
// and the launcher compiles from source as before.
//
// Why two packs: esbuild splits the ES-module build at each dynamic `import()` (`lsp`, `generate`'s targets,
// `init`, `policy test`, the Rego engine, the WASM sandbox…) into chunks; each chunk is rewritten as CommonJS
// (imports become require() calls, import() a promised require()) and becomes a function in a pack, a file that
// is one object literal of such functions. The chunks a check loads (listed by a first warm-up run) go into
// scorec-core.cjs, the rest into scorec-rest.cjs, compiled only when a command requires one of them. A check
// then reads half the text, and reads it as one string: one file per chunk costs more (each mid-sized string
// is copied by the young-generation GC).
//
// The input is tsc's output (dist/src, dist/targets), so the bundle runs exactly the code the library API, the
// tests' installed copy and the WASM worker run. What stays outside the bundle and why:
//  - dist/src/policy/wasm/eval-worker.js: a worker thread's entry is a file; sandbox.ts falls back to it when no
//    eval-worker.js sits next to the running module, which is the case for the bundle;
//  - graphql, hcl2-parser and ajv's runtime helpers: loaded by createRequire (esbuild leaves those calls alone);
//  - node: built-ins.
// `import.meta.url` becomes the file: URL of the chunk's would-be path in dist/cli/, so package-root.ts still walks
// up to package.json. The packs are deterministic (same input, same bytes); the code cache need not be.
import { build, transform } from "esbuild";
import * as childProcess from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
const ENTRY = "scorec.js";
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// node:child_process loads net, dgram and the stream stack (≈ 3 ms) at require time; commander requires it for
// executable subcommands (none here) and cmd:// provisioners for spawnSync. Bundled code gets a stand-in whose
// getters require the real module on first use: the same functions, loaded only by a run that spawns.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === "lazy-builtin" ? { path: "node:child_process", external: true } : { path: "child_process", namespace: "lazy-builtin" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => {
      const names = Object.keys(childProcess).filter((n) => n !== "default").sort();
      const getters = names.map((n) => `  get ${n}() { return load().${n}; },`).join("\n");
      return { contents: `let real;\nconst load = () => (real ??= require("node:child_process"));\nmodule.exports = {\n${getters}\n};\n`, loader: "js" };
    });
  },
};

const { outputFiles } = await build({
  plugins: [lazyChildProcess],
  absWorkingDir: root,
  entryPoints: { scorec: "dist/src/cli/main.js" },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  write: false,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  define: { "import.meta.url": "__scorecModuleUrl" },
  legalComments: "none",
  logLevel: "warning",
});

/** Each output file as CommonJS function text, by its path relative to dist/cli/ (the name require() uses). */
const modules = new Map();
for (const file of outputFiles) {
  const { code } = await transform(file.text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    // import() of a chunk becomes Promise.resolve().then(() => require(chunk)): a vm.Script has no module loader.
    supported: { "dynamic-import": false },
    // ASCII, so the launcher reads packs as latin1: one copy, no UTF-8 decode. esbuild escapes strings and names;
    // what it leaves (regular expression literals, comments) is escaped by asciiOnly.
    charset: "ascii",
    logLevel: "warning",
  });
  // Called like Node's CommonJS wrapper. "use strict": the sources are ES modules, which are strict.
  const fn = `function (exports, require, module, __filename, __dirname, __scorecModuleUrl) {"use strict";\n${asciiOnly(code)}}`;
  modules.set(relative(outdir, file.path).split("\\").join("/"), fn);
}

// \uXXXX per UTF-16 unit means the same character in a string, a regular expression (with or without the u flag:
// there a surrogate pair of escapes is one code point) and a name, and is harmless in a comment.
// Not after a backslash, where `\\u…` would read as an escaped backslash: none today; fail the build if one appears.
function asciiOnly(code) {
  const escaped = /\\[^\x00-\x7f]/.exec(code);
  if (escaped) throw new Error(`bundle-cli: a non-ASCII character after a backslash at offset ${escaped.index}; escape it in the source`);
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function writePacks(coreNames) {
  const pack = (names) => `({\n${names.map((n) => `${JSON.stringify(n)}: ${modules.get(n)}`).join(",\n")}\n})`;
  const names = [...modules.keys()].sort();
  writeFileSync(join(outdir, "scorec-core.cjs"), pack(names.filter((n) => coreNames.has(n))));
  writeFileSync(join(outdir, "scorec-rest.cjs"), pack(names.filter((n) => !coreNames.has(n))));
}

const warmUp = (...args) =>
  childProcess.spawnSync(process.execPath, [join(root, "scripts", "warm-code-cache.cjs"), ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

// First everything in the core, to list what a check loads; then the packs for real and the cache of the core.
writePacks(new Set(modules.keys()));
const listed = warmUp("--list");
if (listed.status === 0) {
  writePacks(new Set([ENTRY, ...JSON.parse(listed.stdout)]));
  const warm = warmUp();
  // No cache is not an error: the CLI compiles from source. Say so, because start-up is then slower.
  if (warm.status !== 0) process.stderr.write(`bundle-cli: no code cache made (warm-up exited ${warm.status ?? warm.signal})\n`);
} else {
  process.stderr.write(`bundle-cli: every chunk in the core pack, no code cache (warm-up exited ${listed.status ?? listed.signal})\n`);
}
