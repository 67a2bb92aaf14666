// WASM policies run in a worker thread with a time limit and a memory limit, so a bundle that loops for
// ever or grows its memory without end fails the run with a finding instead of hanging the process.
//
// The policy back-end interface is synchronous (the conftest layer queries rules one by one), so each
// call blocks on Atomics.wait until the worker flips a shared word, then takes the reply from a
// MessagePort with receiveMessageOnPort. Past the time limit the worker is terminated (V8 interrupts
// WebAssembly loops too) and a fresh one is started for the next bundle. One worker serves every
// bundle of a run: a round trip costs tens of microseconds, starting a worker tens of milliseconds.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import { packageRoot } from "../../package-root.js";
import { type LoadedPolicies, PolicyEvalError, type PolicyRule } from "../backend.js";
import { WasmPolicyLoadError, describeThrown } from "./load-error.js";
import type { WireError, WorkerBoot, WorkerReply, WorkerRequest } from "./worker-protocol.js";

export interface WasmSandboxLimits {
  /** Wall-clock limit of one evaluation (one rule for one input), in milliseconds. */
  evalMs: number;
  /** Wall-clock limit of loading one bundle (reading it, compiling and instantiating its modules). */
  loadMs: number;
  /** Ceiling of each policy module's linear memory, in 64 KiB pages. */
  memoryPages: number;
  /** V8 heap of the worker (the SDK's JSON copies of input, data and results live there). */
  heapMb: number;
}

export const DEFAULT_WASM_LIMITS: WasmSandboxLimits = { evalMs: 5_000, loadMs: 20_000, memoryPages: 4096, heapMb: 512 };

// Starting a worker (a new V8 isolate, then importing the SDK) is not the policy's time.
const STARTUP_ALLOWANCE_MS = 20_000;

class Timeout extends Error {}

/** The build of the worker entry. Under vitest the sources are TypeScript, which a Node 20 worker cannot load: use dist/. */
function workerUrl(): URL {
  const here = new URL("./eval-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return pathToFileURL(join(packageRoot(), "dist", "src", "policy", "wasm", "eval-worker.js"));
}

class EvalWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private started = false;
  dead = false;

  constructor(heapMb: number) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const boot: WorkerBoot = { port: port2, flag: this.flag };
    this.worker = new Worker(workerUrl(), {
      workerData: boot,
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    // An out-of-memory worker emits 'error'; the pending call then ends on its time limit. Without a
    // listener the event would take the whole process down.
    this.worker.on("error", () => (this.dead = true));
    this.worker.on("exit", () => (this.dead = true));
    // Neither the worker nor its port keeps a finished run alive.
    this.worker.unref();
    this.port.unref();
  }

  call(req: WorkerRequest, limitMs: number): WorkerReply {
    if (!this.started) {
      // the worker flips the word once it has imported the SDK and listens
      if (Atomics.wait(this.flag, 0, 0, STARTUP_ALLOWANCE_MS) === "timed-out") {
        this.stop();
        throw new Error(`the worker did not start within ${STARTUP_ALLOWANCE_MS} ms`);
      }
      this.started = true;
    }
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(req);
    const t0 = performance.now();
    const woke = Atomics.wait(this.flag, 0, 0, limitMs);
    const reply = receiveMessageOnPort(this.port)?.message as WorkerReply | undefined;
    if (woke === "timed-out" || !reply) {
      this.stop();
      throw new Timeout(`${Math.round(performance.now() - t0)} ms`);
    }
    return reply;
  }

  stop(): void {
    this.dead = true;
    void this.worker.terminate();
  }
}

let current: EvalWorker | undefined;

function worker(heapMb: number): EvalWorker {
  if (!current || current.dead) current = new EvalWorker(heapMb);
  return current;
}

function rebuild(e: WireError): Error {
  if (e.kind === "load") return new WasmPolicyLoadError(e.file ?? "", e.code, e.message);
  return new PolicyEvalError(e.message, e.code, e.file);
}

class SandboxedWasmPolicies implements LoadedPolicies {
  readonly backend = "wasm" as const;
  private lastData: unknown = Symbol("none");
  /** Set once an evaluation hit the time limit: the bundle is not run again in this process. */
  private stopped: string | undefined;

  constructor(
    private readonly file: string,
    private readonly bytes: Uint8Array,
    private owner: EvalWorker,
    private handle: number,
    private readonly ruleList: PolicyRule[],
    private readonly limits: WasmSandboxLimits,
  ) {}

  /** Another bundle's evaluation ran out of time and took the shared worker with it: load again into a new one. */
  private reloadIfStopped(): void {
    if (!this.owner.dead) return;
    const loaded = load(this.file, this.bytes, this.limits);
    this.owner = loaded.owner;
    this.handle = loaded.handle;
    this.lastData = Symbol("none");
  }

  rules(): PolicyRule[] {
    return this.ruleList;
  }

  evaluate(namespace: string, rule: string, input: unknown, data: unknown): unknown | undefined {
    const what = `data.${namespace}.${rule} (entrypoint ${namespace.replace(/\./g, "/")}/${rule} of ${this.file})`;
    if (this.stopped) throw new PolicyEvalError(`${what} not evaluated: ${this.stopped}`, "wasm/stopped", this.file);
    try {
      this.reloadIfStopped();
    } catch (e) {
      throw new PolicyEvalError(`${what} not evaluated: ${describeThrown(e)}`, "wasm/stopped", this.file);
    }
    const sameData = data === this.lastData;
    const req: WorkerRequest = { op: "eval", handle: this.handle, namespace, rule, input, sameData, ...(sameData ? {} : { data }) };
    let reply: WorkerReply;
    try {
      reply = this.owner.call(req, this.limits.evalMs);
    } catch (e) {
      if (e instanceof Timeout) {
        this.stopped = `an earlier evaluation did not finish within the ${this.limits.evalMs} ms limit`;
        throw new PolicyEvalError(
          `evaluating ${what} did not finish within the ${this.limits.evalMs} ms time limit (or exhausted the worker's memory); the policy may loop`,
          "wasm/timeout",
          this.file,
        );
      }
      // a value postMessage cannot clone (a function, a symbol)
      throw new PolicyEvalError(`evaluating data.${namespace}.${rule} failed: ${describeThrown(e)}`, "wasm/eval-error", this.file);
    }
    this.lastData = data;
    if (!reply.ok) {
      if (!sameData) this.lastData = Symbol("none");
      throw rebuild(reply.error);
    }
    return reply.value;
  }
}

function load(path: string, bytes: Uint8Array, limits: WasmSandboxLimits): { owner: EvalWorker; handle: number; rules: PolicyRule[] } {
  const owner = worker(limits.heapMb);
  let reply: WorkerReply;
  try {
    reply = owner.call({ op: "load", path, bytes, maxPages: limits.memoryPages }, limits.loadMs);
  } catch (e) {
    if (e instanceof Timeout) throw new WasmPolicyLoadError(path, "wasm/timeout", `loading did not finish within the ${limits.loadMs} ms time limit; the module may loop`);
    throw new WasmPolicyLoadError(path, "wasm/worker", `cannot start the WASM evaluation worker: ${describeThrown(e)}`);
  }
  if (!reply.ok) throw rebuild(reply.error);
  return { owner, handle: reply.handle!, rules: reply.rules! };
}

/** Load a bundle or bare module into the (shared) evaluation worker; same answers as loadWasmPolicies. */
export async function loadSandboxedWasmPolicies(path: string, bytes: Uint8Array, limits: WasmSandboxLimits = DEFAULT_WASM_LIMITS): Promise<LoadedPolicies> {
  const { owner, handle, rules } = load(path, bytes, limits);
  return new SandboxedWasmPolicies(path, bytes, owner, handle, rules, limits);
}
