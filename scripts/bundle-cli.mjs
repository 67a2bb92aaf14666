// Bundle the command line into dist/cli/ (run by `prepare` and `build`, after tsc).
//
// Why: a single `scorec check` used to load ~170 ES modules of dist/ plus the CommonJS files of yaml, ajv,
// commander, unified and vfile; resolving, reading and compiling them one by one cost more than the check.
// One ESM bundle (dist/cli/scorec.mjs) loads in one read and one compile. Code splitting keeps the dynamic
// `import()`s lazy: `lsp`, `generate`, `init`, `policy test`, the targets and the Rego engine each live in
// their own chunk, loaded only by the commands that need them.
//
// The input is tsc's output (dist/src, dist/targets), so the bundle runs exactly the code the library API,
// the tests' installed copy and the WASM worker run. What stays outside the bundle and why:
//  - dist/src/policy/wasm/eval-worker.js: a worker thread's entry is a file; sandbox.ts falls back to it when
//    no eval-worker.js sits next to the running module, which is the case for the bundle;
//  - graphql: loaded by createRequire on the first GraphQL builtin call (esbuild leaves that call alone);
//  - node: built-ins.
// package-root.ts walks up from import.meta.url to package.json, which works from dist/cli/ as from dist/src/.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { scorec: "dist/src/cli/main.js" },
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Bundled CommonJS packages (yaml, ajv, commander) call require() for node built-ins; ESM has no require.
  banner: { js: 'import { createRequire as __scorecRequire } from "node:module"; const require = __scorecRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
