// `npm ci` links the bins of dependencies, not the project's own: link bin/scorec.js into
// node_modules/.bin so that `npx scorec` runs this checkout (run by the `prepare` script).
import { chmodSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binDir = join(root, "node_modules", ".bin");
const target = join(root, "bin", "scorec.js");
mkdirSync(binDir, { recursive: true });
const link = join(binDir, "scorec");
rmSync(link, { force: true });
symlinkSync(relative(binDir, target), link);
chmodSync(target, 0o755);
