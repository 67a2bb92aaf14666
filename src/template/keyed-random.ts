/**
 * Deterministic randomness for sprig's random functions (randAlphaNum, uuidv4, …).
 *
 * Templates must render identically for identical inputs, so they never touch
 * Math.random or a platform RNG. Callers pass a `RandomSource`; each call of a
 * random function draws bytes from it in order, so one source per resource (e.g.
 * keyed by the resource uid) keeps resources independent of each other.
 */
import { hmacSha256 } from "../hash/digests.js";
import { utf8Encode } from "./strings-go.js";

export interface RandomSource {
  /** Next `n` bytes of the stream. */
  bytes(n: number): Uint8Array;
}

/**
 * HMAC-SHA256 in counter mode: block i = HMAC(seed, key || 0x00 || i as 8-byte BE).
 * Same (seed, key) → same stream; any other key or seed → an unrelated stream.
 */
export function createKeyedRandom(seed: string, key: string): RandomSource {
  const seedBytes = utf8Encode(seed);
  const keyBytes = utf8Encode(key);
  let counter = 0;
  let buf: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const refill = (): void => {
    const msg = new Uint8Array(keyBytes.length + 9);
    msg.set(keyBytes);
    msg[keyBytes.length] = 0;
    const dv = new DataView(msg.buffer);
    dv.setUint32(keyBytes.length + 1, Math.floor(counter / 2 ** 32));
    dv.setUint32(keyBytes.length + 5, counter >>> 0);
    counter++;
    buf = hmacSha256(seedBytes, msg);
    pos = 0;
  };
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        if (pos >= buf.length) refill();
        out[i] = buf[pos++]!;
      }
      return out;
    },
  };
}

/** Uniform integer in [0, n) by rejection sampling on 32-bit draws (no modulo bias). */
export function randomIntn(src: RandomSource, n: number): number {
  if (n <= 0) throw new Error("invalid argument to Intn");
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    const b = src.bytes(4);
    const v = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (v < limit) return v % n;
  }
}

/** A source that refuses to produce randomness: used when the caller supplied none. */
export const NO_RANDOM: RandomSource = {
  bytes(): Uint8Array {
    throw new Error("no random source configured (pass `random` in the execute options)");
  },
};
