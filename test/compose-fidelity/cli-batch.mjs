// Runs many `scorec` command lines in one Node process (starting Node per case costs most of the suite's
// time): reads [{cwd, argv}] as JSON on stdin, runs each through the CLI's own main() in its folder, and
// prints one JSON line {rc, stderr} per command. Usage: node cli-batch.mjs <repo>
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const repo = process.argv[2];
const { main } = await import(pathToFileURL(join(repo, "dist", "src", "cli", "main.js")).href);
let input = "";
for await (const chunk of process.stdin) input += chunk;
for (const { cwd, argv } of JSON.parse(input)) {
  process.chdir(cwd);
  let rc = 0;
  let stderr = "";
  await main(argv, { out: () => {}, err: (s) => void (stderr += s), setExit: (n) => void (rc = n) });
  process.stdout.write(JSON.stringify({ rc, stderr }) + "\n");
}
