import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256, md5, sha1, sha256, toHex } from "../../src/hash/digests.js";

// The plain-TypeScript digests against Node's, on every length across the padding boundaries (55/56/64
// bytes and their multiples), with deterministic bytes.
const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 3)) & 0xff);

describe("digests match node:crypto", () => {
  it("sha256, sha1, md5 and hmac-sha256 for lengths 0..300", () => {
    for (let n = 0; n <= 300; n++) {
      const m = bytes(n, n);
      expect(toHex(sha256(m)), `sha256 ${n}`).toBe(createHash("sha256").update(m).digest("hex"));
      expect(toHex(sha1(m)), `sha1 ${n}`).toBe(createHash("sha1").update(m).digest("hex"));
      expect(toHex(md5(m)), `md5 ${n}`).toBe(createHash("md5").update(m).digest("hex"));
      const key = bytes(n % 90, 7);
      expect(toHex(hmacSha256(key, m)), `hmac ${n}`).toBe(createHmac("sha256", key).update(m).digest("hex"));
    }
  });
});
