// Stage "validate": each workload against the official Score schema (ajv), findings positioned at the
// node (or key) they are about.
import { report } from "../diagnostics/diagnostic.js";
import type { ScoreWorkload } from "../generated/score.js";
import { foldMisplacedKeys } from "../validate/misplaced-keys.js";
import { scoreValidator } from "../validate/score-schema.js";
import type { ProjectTree } from "./tree.js";

export function validateStage() {
  return (tree: ProjectTree): void => {
    const validator = scoreValidator();
    for (const w of tree.workloads) {
      // A mis-indented block is one finding that says so, not the several it causes.
      const findings = foldMisplacedKeys(w.raw, validator.check(w.raw));
      for (const f of findings) {
        report(w.input.vfile, f.message, {
          ruleId: f.ruleId,
          source: "schema",
          severity: "error",
          pointer: f.pointer,
          range: w.input.source!.rangeOfPointer(w.doc, f.pointer, { key: f.atKey }),
        });
      }
      if (findings.length === 0) w.spec = copyDocument(w.raw) as unknown as ScoreWorkload;
    }
  };
}

/**
 * A deep copy of a parsed document for later stages to normalise, as `structuredClone` makes it (the same
 * shape, an alias still one object, cycles kept) but sharing the strings: they cannot change, and
 * structuredClone's copies of them were ~9 MiB at 10,000 workloads.
 */
export function copyDocument(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (typeof value !== "object" || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    copies.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copyDocument(value[i], copies);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  // Anything but a plain mapping (none of the parsers make one today) is left to structuredClone.
  if (proto !== Object.prototype && proto !== null) {
    const out = structuredClone(value);
    copies.set(value, out);
    return out;
  }
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  for (const key of Object.keys(value)) {
    const v = copyDocument((value as Record<string, unknown>)[key], copies);
    // A `__proto__` key is data: assigning it would set the copy's prototype instead.
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
