// semver.is_valid / semver.compare (Semantic Versioning precedence; build metadata ignored).
import { compareStrings } from "../value.js";
import { def, fail, str } from "./args.js";
import type { BuiltinDef } from "./types.js";

// OPA's parser is more lenient than the SemVer grammar: a leading "v" is dropped, numbers may have leading
// zeros, and an empty pre-release ("1.0.0-") is allowed.
const META = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = 9223372036854775807n;

interface SemVer {
  nums: [bigint, bigint, bigint];
  pre: string;
}

function cut(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

export function parseSemver(s: string): SemVer | undefined {
  if (s.startsWith("v")) s = s.slice(1);
  const [rest, meta] = cut(s, "+");
  if (meta !== "" && !META.test(meta)) return undefined;
  const [core, pre] = cut(rest, "-");
  if (pre !== "" && !META.test(pre)) return undefined;
  const parts = core.split(".");
  if (parts.length !== 3) return undefined;
  const nums = parts.map((p) => (/^[+-]?\d+$/.test(p) && BigInt(p) <= INT64_MAX && BigInt(p) >= -INT64_MAX - 1n ? BigInt(p) : undefined));
  if (nums.some((n) => n === undefined)) return undefined;
  return { nums: nums as [bigint, bigint, bigint], pre };
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i]! < b.nums[i]! ? -1 : 1;
  if (a.pre === b.pre) return 0;
  // Otherwise equal versions: the one without a pre-release is greater.
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  const xs = a.pre.split(".");
  const ys = b.pre.split(".");
  const dec = (x: string) => /^\d+$/.test(x);
  for (let i = 0; ; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
    // Numeric identifiers rank below alphanumeric ones.
    if (dec(x) !== dec(y)) return dec(x) ? -1 : 1;
    if (dec(x)) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else {
      const c = compareStrings(x, y);
      if (c !== 0) return c < 0 ? -1 : 1;
    }
  }
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
