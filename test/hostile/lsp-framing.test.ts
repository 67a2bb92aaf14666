// The language server over raw stdio meets broken framing (bad/missing Content-Length, a garbage header
// line, a non-JSON body, an absurd length) and hostile settings (a policy or provisioner path that is
// /dev/zero or a FIFO, a workspace policy with a catastrophic regex or an endless loop). It must log, stay
// alive and answer the next valid request within seconds, under a small heap and a peak-RSS check.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";
import { FENCE_HEAP_MB, FENCE_RSS_MB, peakRssMb, scratch, WORKLOAD } from "./harness.js";

const tmp = scratch("lsp");
tmp.write("score.yaml", WORKLOAD);
const fifo = join(tmp.dir, "p.rego");
execFileSync("mkfifo", [fifo]);
const fifoProv = join(tmp.dir, "x.provisioners.yaml");
execFileSync("mkfifo", [fifoProv]);
// Workspace policies that would hang a backtracking regex engine or an unbudgeted evaluator.
const regexPolicy = tmp.write(
  "regex/p.rego",
  `package main\n\ndeny contains msg if {\n\tregex.match("(a+)+$", "${"a".repeat(30_000)}b")\n\tmsg := "never"\n}\n\ndeny contains msg if {\n\tglob.match("*a*a*a*a*a*a*a*a*c", [], "${"a".repeat(30_000)}")\n\tmsg := "never"\n}\n`,
);
const loopPolicy = tmp.write(
  "loop/p.rego",
  "package main\n\ndeny contains msg if {\n\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti == j + 100000\n\tmsg := \"never\"\n}\n",
);

const frame = (o: unknown): Buffer => {
  const b = Buffer.from(JSON.stringify(o));
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
};

/** Starts the server, writes `garbage`, then initialize + didOpen + hover; resolves with what it saw. */
async function session(garbage: Buffer, initializationOptions: Record<string, unknown> = {}) {
  const child = spawn(process.execPath, [`--max-old-space-size=${FENCE_HEAP_MB}`, join(REPO, "bin", "scorec.js"), "lsp"], { cwd: tmp.dir, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (err += b.toString()));
  const uri = `file://${join(tmp.dir, "score.yaml")}`;
  const until = async (re: RegExp, ms: number): Promise<boolean> => {
    for (const t0 = Date.now(); Date.now() - t0 < ms; ) {
      if (re.test(out)) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  };
  try {
    child.stdin.write(garbage);
    child.stdin.write(frame({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: `file://${tmp.dir}`, capabilities: {}, initializationOptions } }));
    const initialized = await until(/"id":1/, 5000);
    child.stdin.write(frame({ jsonrpc: "2.0", method: "initialized", params: {} }));
    child.stdin.write(frame({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "yaml", version: 1, text: WORKLOAD } } }));
    // a policy that spends its whole step budget takes ~2 s of CPU: more on a loaded machine
    const published = await until(/publishDiagnostics/, 10_000);
    child.stdin.write(frame({ jsonrpc: "2.0", id: 2, method: "textDocument/hover", params: { textDocument: { uri }, position: { line: 0, character: 0 } } }));
    const answered = await until(/"id":2/, 5000);
    const alive = child.exitCode === null;
    return { initialized, published, answered, alive, rssMb: alive ? peakRssMb(child.pid!) : Infinity, out, err };
  } finally {
    child.kill("SIGKILL");
  }
}

describe("broken framing", () => {
  it.each([
    ["a bad Content-Length", "Content-Length: abc\r\n\r\n{}", /bad Content-Length/],
    ["a negative Content-Length", "Content-Length: -5\r\n\r\n{}", /bad Content-Length/],
    ["a missing Content-Length", "Content-Type: application/json\r\n\r\n{}", /no Content-Length header/],
    ["a garbage header line", "this is not a header\r\n\r\n", /garbage header line/],
    ["a non-JSON body", "Content-Length: 5\r\n\r\nhello", /not JSON/],
    ["an absurd Content-Length", "Content-Length: 99999999999\r\n\r\n", /over \d+/],
  ])("%s is logged and the next requests are answered", async (_name, garbage, logged) => {
    const s = await session(Buffer.from(garbage));
    expect(s.alive).toBe(true);
    expect(s.initialized).toBe(true);
    expect(s.answered).toBe(true);
    expect(s.err).toMatch(logged);
    expect(s.rssMb).toBeLessThan(FENCE_RSS_MB);
  }, 20_000);
});

describe("hostile settings", () => {
  it.each([
    ["a policy that is /dev/zero", { policies: ["/dev/zero"] }, "/dev/zero"],
    ["a policy that is a FIFO", { policies: [fifo] }, "p.rego"],
    ["provisioners that are a FIFO", { provisioners: [fifoProv] }, "x.provisioners.yaml"],
  ])("%s: refused by name, the server keeps answering", async (_name, opts, named) => {
    const s = await session(Buffer.alloc(0), opts);
    expect(s.alive).toBe(true);
    expect(s.published).toBe(true);
    expect(s.answered).toBe(true);
    expect(s.out).toContain(named);
    expect(s.out).toMatch(/not a regular file/);
    expect(s.rssMb).toBeLessThan(FENCE_RSS_MB);
  }, 20_000);

  it.each([
    ["a workspace policy with catastrophic regexes (regex.match, glob.match)", regexPolicy, /"diagnostics":\[\]/],
    ["a workspace policy that loops 10^10 times", loopPolicy, /eval_budget_exceeded: evaluation exceeded the budget of \d+ steps \(at .*p\.rego:6:2\)/],
  ])("%s: diagnostics published within seconds, the server keeps answering", async (_name, policy, published) => {
    const s = await session(Buffer.alloc(0), { policies: [policy] });
    expect(s.alive).toBe(true);
    expect(s.published).toBe(true);
    expect(s.answered).toBe(true);
    expect(s.out).toMatch(published);
    expect(s.rssMb).toBeLessThan(FENCE_RSS_MB);
  }, 20_000);
});
