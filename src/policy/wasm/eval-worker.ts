// The worker thread that loads and evaluates OPA-WASM policies for ./sandbox.ts. A compiled policy is
// untrusted code: if it loops or allocates without end, the main thread terminates this worker instead
// of hanging with it. Each request gets one reply on the boot port, announced through the shared flag.
import { parentPort, workerData } from "node:worker_threads";
import type { LoadedPolicies } from "../backend.js";
import { PolicyEvalError } from "../backend.js";
import { WasmPolicyLoadError, describeThrown } from "./load-error.js";
import { loadWasmPolicies } from "./wasm-policies.js";
import type { WorkerBoot, WorkerReply, WorkerRequest } from "./worker-protocol.js";

const { port, flag } = workerData as WorkerBoot;
const loaded: { policies: LoadedPolicies; data: unknown }[] = [];

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  if (req.op === "load") {
    try {
      const policies = await loadWasmPolicies(req.path, req.bytes, { maxPages: req.maxPages });
      loaded.push({ policies, data: undefined });
      return { ok: true, handle: loaded.length - 1, rules: policies.rules() };
    } catch (e) {
      const code = e instanceof WasmPolicyLoadError ? e.code : "wasm/load-error";
      return { ok: false, error: { kind: "load", file: req.path, code, message: describeThrown(e) } };
    }
  }
  const slot = loaded[req.handle]!;
  // The same data object as last time keeps the back end's "data unchanged, skip setData" shortcut.
  if (!req.sameData) slot.data = req.data;
  try {
    return { ok: true, value: slot.policies.evaluate(req.namespace, req.rule, req.input, slot.data) };
  } catch (e) {
    if (e instanceof PolicyEvalError) return { ok: false, error: { kind: "eval", file: e.file, code: e.code, message: e.message } };
    return { ok: false, error: { kind: "eval", code: "wasm/eval-error", message: describeThrown(e) } };
  }
}

parentPort!.on("message", (req: WorkerRequest) => {
  void handle(req).then((reply) => {
    try {
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ ok: false, error: { kind: req.op, code: `wasm/${req.op}-error`, message: `the result cannot be passed back: ${describeThrown(e)}` } } satisfies WorkerReply);
    }
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});

// Ready: the main thread waits for this before it starts timing the first request.
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
