// semver.is_valid / semver.compare (Semantic Versioning 2.0.0, no "v" prefix, build metadata ignored).
import { compareStrings } from "../value.js";
import { def, fail, str } from "./args.js";
import type { BuiltinDef } from "./types.js";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface SemVer {
  nums: [bigint, bigint, bigint];
  pre: string[];
}

export function parseSemver(s: string): SemVer | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { nums: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split(".") : [] };
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i]! < b.nums[i]! ? -1 : 1;
  // A version without pre-release ranks above one with.
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (xn !== yn) return xn ? -1 : 1;
    else {
      const c = compareStrings(x, y);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
  }
  return a.pre.length === b.pre.length ? 0 : a.pre.length < b.pre.length ? -1 : 1;
}

export const semverBuiltins: BuiltinDef[] = [
  def("semver.is_valid", ["any"], "boolean", (args) => typeof args[0] === "string" && parseSemver(args[0]) !== undefined),
  def("semver.compare", ["string", "string"], "number", (args) => {
    const a = str("semver.compare", args, 0);
    const b = str("semver.compare", args, 1);
    const x = parseSemver(a);
    if (!x) throw fail("semver.compare", `operand 1: string ${JSON.stringify(a)} is not a valid SemVer`);
    const y = parseSemver(b);
    if (!y) throw fail("semver.compare", `operand 2: string ${JSON.stringify(b)} is not a valid SemVer`);
    return compareSemver(x, y);
  }),
];
