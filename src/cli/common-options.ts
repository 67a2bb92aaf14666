// Options several commands share, parsed in one place.
import type { ParseLimits } from "../parse/limits.js";
import { CliError } from "./exit-codes.js";

export interface CommonOptions {
  maxFileSize?: string;
}

export function parseLimitsOptions(flags: CommonOptions): Partial<ParseLimits> {
  const limits: Partial<ParseLimits> = {};
  if (flags.maxFileSize !== undefined) limits.maxFileSize = wholeNumber(flags.maxFileSize, "--max-file-size");
  return limits;
}

export function wholeNumber(v: string, flag: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new CliError(`${flag} takes a whole number, got "${v}"`);
  return n;
}

/** `--rego-version v0|v1` (conftest's flag; also `regoVersion` in the config). */
export function regoVersionOption(v: string | undefined): 0 | 1 | undefined {
  if (v === undefined) return undefined;
  if (v === "v0" || v === "0") return 0;
  if (v === "v1" || v === "1") return 1;
  throw new CliError(`--rego-version takes v0 or v1, got "${v}"`);
}

/** Commander accumulator for repeatable options (`--policy a --policy b`). */
export const collectList = (v: string, prev: string[]): string[] => [...prev, v];
