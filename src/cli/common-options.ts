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

/** Commander accumulator for repeatable options (`--policy a --policy b`). */
export const collectList = (v: string, prev: string[]): string[] => [...prev, v];
