import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256, hmacSha256Key, hmacSha256With, md5, Sha256, sha1, sha256, toHex } from "../../src/hash/digests.js";

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

describe("incremental sha256 and prepared hmac keys", () => {
  it("give the one-shot digest whatever the pieces and wherever a copy is taken", () => {
    for (let n = 0; n <= 200; n += 7) {
      const m = bytes(n, 3);
      for (const cut of [0, 1, Math.floor(n / 2), 55, 64, n]) {
        if (cut > n) continue;
        const h = new Sha256().update(m.subarray(0, cut));
        const copy = h.copy();
        expect(toHex(h.update(m.subarray(cut)).digest()), `sha256 ${n} cut ${cut}`).toBe(toHex(sha256(m)));
        // The copy is independent of what the original was fed afterwards.
        expect(toHex(copy.update(m.subarray(cut)).digest())).toBe(toHex(sha256(m)));
      }
    }
  });

  it("copyFrom gives a reused state the source's exact state, whatever the reused one held", () => {
    const scratch = new Sha256().update(bytes(100, 1));
    scratch.digest(); // a finished state, with padding in its block
    for (let n = 0; n <= 200; n += 13) {
      const m = bytes(n, 5);
      for (const cut of [0, 1, Math.floor(n / 2), 64, n]) {
        if (cut > n) continue;
        const src = new Sha256().update(m.subarray(0, cut));
        expect(toHex(scratch.copyFrom(src).update(m.subarray(cut)).digest()), `n ${n} cut ${cut}`).toBe(toHex(sha256(m)));
        // The source is untouched.
        expect(toHex(src.update(m.subarray(cut)).digest())).toBe(toHex(sha256(m)));
      }
    }
  });

  it("hmacSha256With equals hmacSha256 for short, block-sized and long keys", () => {
    for (const kn of [0, 5, 63, 64, 65, 130]) {
      const key = hmacSha256Key(bytes(kn, 9));
      for (const n of [0, 8, 55, 56, 64, 190]) {
        const m = bytes(n, kn);
        expect(toHex(hmacSha256With(key, m)), `key ${kn} msg ${n}`).toBe(toHex(hmacSha256(bytes(kn, 9), m)));
      }
    }
  });
});
