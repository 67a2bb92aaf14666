// cmd:// provisioners run a program with the resource as JSON on stdin and read JSON outputs from stdout
// (score-compose's contract). Running programs is not pure, so it happens only with
// --allow-cmd-provisioners, with a timeout, and never with a shell unless the provisioner names one.
import { spawnSync } from "node:child_process";
import { deepMerge } from "../data/deep-merge.js";
import { ProvisionError, type ProvisionerRunner } from "./provision-context.js";

export const runCmd: ProvisionerRunner = (node, p, ctx) => {
  const uri = p.spec.uri;
  if (!ctx.allowCmd) {
    throw new ProvisionError(`${uri} runs a program on this machine; scorec refuses cmd:// provisioners unless --allow-cmd-provisioners is given`);
  }
  const rest = uri.slice("cmd://".length);
  const program = rest.split("#")[0]!;
  if (!program) throw new ProvisionError(`${uri} names no program (expected cmd://PROGRAM#name)`);
  const input = JSON.stringify({
    resource_uid: node.uid,
    resource_type: node.type,
    resource_class: node.class,
    resource_id: node.id,
    resource_params: node.params,
    resource_metadata: node.metadata,
    resource_state: {},
    shared_state: ctx.shared,
    workload_services: ctx.workloadServices,
  });
  const res = spawnSync(program, p.spec.args ?? [], { input, cwd: ctx.root, timeout: ctx.cmdTimeoutMs, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  // The program's own words (its last stderr lines) go with every failure: they say what went wrong.
  const stderr = (res.stderr || "").trim().split("\n").slice(-3).join(" ");
  const said = stderr ? `; its stderr: ${stderr}` : "";
  // A program that exits without reading its stdin makes the write fail with EPIPE: its exit code and
  // stderr are the news then, not the broken pipe.
  const ignoredEpipe = (res.error as NodeJS.ErrnoException | undefined)?.code === "EPIPE" && res.status !== null;
  if (res.error && !ignoredEpipe) {
    const why = (res.error as NodeJS.ErrnoException).code === "ETIMEDOUT" ? `timed out after ${ctx.cmdTimeoutMs} ms` : res.error.message;
    throw new ProvisionError(`${uri}: ${why}${said}`);
  }
  if (res.status !== 0) throw new ProvisionError(`${uri} exited with code ${res.status ?? `signal ${res.signal}`}${said}`);
  let out: Record<string, unknown>;
  try {
    out = JSON.parse(res.stdout);
  } catch {
    throw new ProvisionError(`${uri} did not print JSON on stdout${said}`);
  }
  const fragments: Record<string, unknown> = {};
  for (const k of ["services", "volumes", "networks", "models", "files", "directories", "manifests"]) if (out[k] !== undefined) fragments[k] = out[k];
  deepMerge(ctx.shared, out.shared_state);
  return { outputs: (out.resource_outputs as Record<string, unknown>) ?? {}, fragments };
};
