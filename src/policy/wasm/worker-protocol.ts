// Messages between the main thread (./sandbox.ts) and the WASM evaluation worker (./eval-worker.ts).
// Values cross by structured clone; errors cross as plain fields and are rebuilt on the main side.
import type { MessagePort } from "node:worker_threads";
import type { PolicyRule } from "../backend.js";

export type WorkerRequest =
  | { op: "load"; path: string; bytes: Uint8Array; maxPages: number }
  | { op: "eval"; handle: number; namespace: string; rule: string; input: unknown; sameData: boolean; data?: unknown };

export interface WireError {
  kind: "load" | "eval";
  file?: string;
  code: string;
  message: string;
}

export type WorkerReply = { ok: true; handle?: number; rules?: PolicyRule[]; value?: unknown } | { ok: false; error: WireError };

/** What the worker is started with: its reply port and the word it flips when a reply is ready. */
export interface WorkerBoot {
  port: MessagePort;
  flag: Int32Array;
}
