// One measured operation in a fresh process: prints {ms, maxRssKb, ...} as JSON.
import { readdirSync } from "node:fs";
import { join } from "node:path";

const [op, dir, ...rest] = process.argv.slice(2);
const api = await import("../dist/src/index.js");
// The floor's modules are loaded before the clock starts, as the API's are: both sides time work only.
const floorModules = op === "floor" ? { parse: (await import("yaml")).parse, validate: (await import("../dist/src/generated/score-validator.js")).default } : undefined;
const inputs = readdirSync(dir).filter((f) => f.endsWith(".score.yaml")).sort().map((f) => ({ path: join(dir, f) }));
const t0 = performance.now();
// CPU time too: on a shared machine wall time also counts other processes' turns.
const cpu0 = process.cpuUsage();
let extra = {};
if (op === "check") {
  const r = api.check(inputs, { root: dir });
  extra.errors = r.diagnostics.filter((d) => d.severity === "error").length;
} else if (op === "generate") {
  const r = await api.generate(inputs, { target: rest[0] ?? "compose", outputDir: join(dir, "out"), root: dir });
  extra.errors = r.diagnostics.filter((d) => d.severity === "error").length;
  extra.artifacts = r.artifacts?.length ?? 0;
} else if (op === "floor") {
  // The floor check is measured against: read + `yaml` parse + Ajv validate (the same precompiled Score
  // validator) of the same files, in one process, nothing else.
  const { readFileSync } = await import("node:fs");
  const { parse, validate } = floorModules;
  let invalid = 0;
  for (const { path } of inputs) if (!validate(parse(readFileSync(path, "utf8")))) invalid++;
  extra.errors = invalid;
} else if (op === "policy") {
  const policy = await api.loadPolicyOptions({ paths: [rest[0]], root: dir });
  const r = api.check(inputs, { root: dir, policy });
  extra.findings = r.diagnostics.filter((d) => d.source === "policy").length;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ op, n: inputs.length, ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS, ...extra }) + "\n");
