// Load failures of WASM policies carry the PolicyLoadError shape (file, position, code) and are Errors,
// so callers can both `catch (e) { e.message }` and position a diagnostic on the policy file.
import type { PolicyLoadError } from "../backend.js";

export class WasmPolicyLoadError extends Error implements PolicyLoadError {
  // Bundles and modules are binary: there is no meaningful line, so findings go at the top of the file.
  readonly line = 1;
  readonly column = 1;

  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "WasmPolicyLoadError";
  }
}

/** The SDK and WebAssembly throw strings, `{message}` objects and Errors alike. */
export function describeThrown(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
  return String(e);
}
