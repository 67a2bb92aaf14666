// A stable fingerprint for SARIF partialFingerprints, in pure TS so reporters stay free of Node APIs.
// FNV-1a (64-bit) is not cryptographic; it only has to stay the same across runs and machines so code
// scanning can tell "same alert" from "new alert".

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

const utf8 = new TextEncoder();

/** FNV-1a 64 over the UTF-8 bytes of `parts`, each ended by a NUL so ("ab","c") ≠ ("a","bc"). */
export function fnv1a64(parts: readonly string[]): string {
  let h = FNV_OFFSET;
  for (const part of parts) {
    for (const byte of utf8.encode(part)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
    h = (h * FNV_PRIME) & MASK_64; // NUL separator: xor with 0 is a no-op, the multiply is not
  }
  return h.toString(16).padStart(16, "0");
}
