/**
 * Deterministic randomness for sprig's random functions (randAlphaNum, uuidv4, …).
 *
 * Templates must render identically for identical inputs, so they never touch
 * Math.random or a platform RNG. Callers pass a `RandomSource`; every call of a
 * random function asks it for a fresh stream (`call()`), and each stream is an
 * independent keyed value: HMAC(seed, key parts ‖ call index ‖ call name ‖ block). So
 * `randAlphaNum 8` twice never yields the two halves of a `randAlphaNum 16`
 * elsewhere, and two fields, provisioners, resources or targets never share bytes
 * (the caller puts them in the key).
 */
import { finishHmacSha256, hmacSha256Key, Sha256, type HmacSha256Key } from "../hash/digests.js";
import { utf8Encode } from "./strings-go.js";

/** The bytes of one random function call. */
export interface RandomStream {
  /** Next `n` bytes of the stream. */
  bytes(n: number): Uint8Array;
  /** The next 4 bytes as a big-endian unsigned integer: the same bytes `bytes(4)` would give. */
  uint32?(): number;
}

/** Where random functions get their bytes: one independent stream per call. */
export interface RandomSource {
  /** `what` names the call (function and arguments, e.g. "randAlphaNum 8"): it is part of the key. */
  call(what: string): RandomStream;
}

/** n as 8 bytes big-endian at out[at]. */
function putU64(out: Uint8Array, at: number, n: number): void {
  const hi = Math.floor(n / 2 ** 32);
  const lo = n >>> 0;
  for (let i = 0; i < 4; i++) {
    out[at + 3 - i] = (hi >>> (8 * i)) & 0xff;
    out[at + 7 - i] = (lo >>> (8 * i)) & 0xff;
  }
}

/** Key parts, each length-prefixed, so ("ab", "c") and ("a", "bc") are different keys. */
function encodeKey(parts: readonly string[]): Uint8Array {
  // Keys are almost always ASCII (uids, uris, "randAlphaNum 8"): their bytes are their char codes, so they
  // are written directly; TextEncoder (a native call and an array per part) only for the rest.
  let size = 0;
  let ascii = true;
  for (const p of parts) {
    size += 8 + p.length;
    for (let i = 0; ascii && i < p.length; i++) if (p.charCodeAt(i) > 0x7f) ascii = false;
  }
  if (!ascii) return encodeKeyUtf8(parts);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    putU64(out, at, p.length);
    at += 8;
    for (let i = 0; i < p.length; i++) out[at + i] = p.charCodeAt(i);
    at += p.length;
  }
  return out;
}

function encodeKeyUtf8(parts: readonly string[]): Uint8Array {
  const encoded = parts.map(utf8Encode);
  const out = new Uint8Array(encoded.reduce((n, c) => n + 8 + c.length, 0));
  let at = 0;
  for (const bytes of encoded) {
    putU64(out, at, bytes.length);
    out.set(bytes, at + 8);
    at += 8 + bytes.length;
  }
  return out;
}

/** The inner hash of one block, reused: it is filled and finished within one `next()`. */
const BLOCK_SCRATCH = new Sha256();

/** HMAC-SHA256 in counter mode: block i = HMAC(seed, prefix ‖ i as 8-byte BE); `prefixed` has been fed the prefix. */
function keyedStream(key: HmacSha256Key, prefixed: Sha256): RandomStream {
  let block = 0;
  let buf: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const counter = new Uint8Array(8);
  const next = (): number => {
    if (pos >= buf.length) {
      putU64(counter, 0, block++);
      buf = finishHmacSha256(key, BLOCK_SCRATCH.copyFrom(prefixed).update(counter));
      pos = 0;
    }
    return buf[pos++]!;
  };
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = next();
      return out;
    },
    // A random string draws a word per character: read it without a 4-byte array each time.
    uint32: () => ((next() << 24) | (next() << 16) | (next() << 8) | next()) >>> 0,
  };
}

/** Prepared HMAC keys by seed: a run uses one seed for thousands of random values (and GUIDs, guid.ts). */
const preparedSeeds = new Map<string, HmacSha256Key>();

export function preparedSeed(seed: string): HmacSha256Key {
  let key = preparedSeeds.get(seed);
  if (!key) {
    // A few seeds per process at most (CLI runs, tests); bounded all the same.
    if (preparedSeeds.size >= 16) preparedSeeds.clear();
    preparedSeeds.set(seed, (key = hmacSha256Key(utf8Encode(seed))));
  }
  return key;
}

/**
 * Same (seed, key) → same values call by call; any other seed, key or call index → unrelated values.
 * `key` names the place the values are for (scorec: target, resource uid, provisioner uri, field).
 */
export function createKeyedRandom(seed: string, key: string | readonly string[]): RandomSource {
  const parts = typeof key === "string" ? [key] : key;
  // The key's fixed parts are hashed once, on the first call (most sources are never called); each call
  // continues from a copy of that state.
  let fixed: { key: HmacSha256Key; prefixed: Sha256 } | undefined;
  let calls = 0;
  return {
    call(what: string): RandomStream {
      if (!fixed) {
        const k = preparedSeed(seed);
        fixed = { key: k, prefixed: k.inner.copy().update(encodeKey(parts)) };
      }
      return keyedStream(fixed.key, fixed.prefixed.copy().update(encodeKey([String(calls++), what])));
    },
  };
}

/** Uniform integer in [0, n) by rejection sampling on 32-bit draws (no modulo bias). */
export function randomIntn(src: RandomStream, n: number): number {
  if (n <= 0) throw new Error("invalid argument to Intn");
  const limit = Math.floor(2 ** 32 / n) * n;
  for (;;) {
    let v: number;
    if (src.uint32) v = src.uint32();
    else {
      const b = src.bytes(4);
      v = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    }
    if (v < limit) return v % n;
  }
}

/** A source that refuses to produce randomness: used when the caller supplied none. */
export const NO_RANDOM: RandomSource = {
  call(): RandomStream {
    throw new Error("no random source configured (pass `random` in the execute options)");
  },
};
