// Message digests in plain TypeScript (no node:crypto: the Rego engine and the template engine must also
// run in a browser). One implementation shared by Rego builtins, sprig functions and deterministic ids.

function pad(msg: Uint8Array, littleEndian: boolean): Uint8Array {
  const len = msg.length;
  const total = (((len + 8) >> 6) + 1) << 6;
  const out = new Uint8Array(total);
  out.set(msg);
  out[len] = 0x80;
  // The length in bits as 64 bits; a message shorter than 2^53 bits is exact in doubles (no BigInt: this
  // runs for every random value a template draws).
  const bits = len * 8;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    const loByte = (lo >>> (8 * i)) & 0xff;
    const hiByte = (hi >>> (8 * i)) & 0xff;
    if (littleEndian) {
      out[total - 8 + i] = loByte;
      out[total - 4 + i] = hiByte;
    } else {
      out[total - 1 - i] = loByte;
      out[total - 5 - i] = hiByte;
    }
  }
  return out;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

function beWords(b: Uint8Array, off: number, w: Uint32Array | number[], n = 16): void {
  for (let i = 0; i < n; i++) w[i] = ((b[off + 4 * i]! << 24) | (b[off + 4 * i + 1]! << 16) | (b[off + 4 * i + 2]! << 8) | b[off + 4 * i + 3]!) >>> 0;
}

function beBytes(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  return out;
}

const K256 = new Uint32Array(64);
{
  // First 32 bits of the fractional parts of the cube roots of the first 64 primes.
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  primes.forEach((p, i) => {
    K256[i] = Math.floor((Math.cbrt(p) % 1) * 2 ** 32) >>> 0;
  });
}

const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** One SHA-256 compression: the 64-byte block at b[off] folded into the state h (8 words). */
function compress256(h: Uint32Array, b: Uint8Array, off: number): void {
  const w = SHA256_W;
  beWords(b, off, w);
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K256[i]! + w[i]!) >>> 0;
    const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & bb) ^ (a & c) ^ (bb & c);
    const t2 = (S0 + maj) >>> 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = h[0]! + a;
  h[1] = h[1]! + bb;
  h[2] = h[2]! + c;
  h[3] = h[3]! + d;
  h[4] = h[4]! + e;
  h[5] = h[5]! + f;
  h[6] = h[6]! + g;
  h[7] = h[7]! + hh;
}

export function sha256(msg: Uint8Array): Uint8Array {
  return new Sha256().update(msg).digest();
}

/**
 * SHA-256 fed in pieces, whose state can be copied: a common prefix (an HMAC key's padded block, a fixed
 * message start) is hashed once and each message that shares it continues from a copy.
 */
export class Sha256 {
  private readonly h: Uint32Array;
  private readonly block: Uint8Array;
  private used: number;
  /** Bytes fed so far. */
  private length: number;

  constructor(from?: Sha256) {
    this.h = from ? from.h.slice() : Uint32Array.from(SHA256_IV);
    this.block = from ? from.block.slice() : new Uint8Array(64);
    this.used = from ? from.used : 0;
    this.length = from ? from.length : 0;
  }

  copy(): Sha256 {
    return new Sha256(this);
  }

  /** Makes this the same state as `from`, in place: a scratch state reused per message needs no arrays. */
  copyFrom(from: Sha256): this {
    this.h.set(from.h);
    this.block.set(from.block);
    this.used = from.used;
    this.length = from.length;
    return this;
  }

  update(data: Uint8Array): this {
    this.length += data.length;
    let at = 0;
    if (this.used) {
      const take = Math.min(64 - this.used, data.length);
      this.block.set(data.subarray(0, take), this.used);
      this.used += take;
      at = take;
      if (this.used < 64) return this;
      compress256(this.h, this.block, 0);
      this.used = 0;
    }
    for (; at + 64 <= data.length; at += 64) compress256(this.h, data, at);
    if (at < data.length) {
      this.block.set(data.subarray(at), 0);
      this.used = data.length - at;
    }
    return this;
  }

  /** The digest; this object is finished afterwards (digest a copy to go on). */
  digest(): Uint8Array {
    const bits = this.length * 8;
    const b = this.block;
    b[this.used] = 0x80;
    b.fill(0, this.used + 1);
    if (this.used + 1 > 56) {
      compress256(this.h, b, 0);
      b.fill(0);
    }
    // The length in bits as 64 bits big-endian (exact in doubles below 2^53, as in pad()).
    const hi = Math.floor(bits / 2 ** 32);
    const lo = bits >>> 0;
    for (let i = 0; i < 4; i++) {
      b[63 - i] = (lo >>> (8 * i)) & 0xff;
      b[59 - i] = (hi >>> (8 * i)) & 0xff;
    }
    compress256(this.h, b, 0);
    return beBytes(this.h);
  }
}

/** The message schedule, reused: sha256 never re-enters itself. */
const SHA256_W = new Uint32Array(64);

export function sha1(msg: Uint8Array): Uint8Array {
  const b = pad(msg, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let off = 0; off < b.length; off += 64) {
    beWords(b, off, w);
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1) >>> 0;
    let [a, bb, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20 ? [(bb & c) | (~bb & d), 0x5a827999] : i < 40 ? [bb ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(bb & c) | (bb & d) | (c & d), 0x8f1bbcdc] : [bb ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + w[i]!) >>> 0;
      e = d;
      d = c;
      c = rotl(bb, 30) >>> 0;
      bb = a;
      a = t;
    }
    [a, bb, c, d, e].forEach((x, i) => (h[i] = (h[i]! + x) >>> 0));
  }
  return beBytes(h);
}

const S_MD5 = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K_MD5 = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5(msg: Uint8Array): Uint8Array {
  const b = pad(msg, true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let off = 0; off < b.length; off += 64) {
    for (let i = 0; i < 16; i++) m[i] = (b[off + 4 * i]! | (b[off + 4 * i + 1]! << 8) | (b[off + 4 * i + 2]! << 16) | (b[off + 4 * i + 3]! << 24)) >>> 0;
    let [a, bb, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (bb & c) | (~bb & d);
        g = i;
      } else if (i < 32) {
        f = (d & bb) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = bb ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (bb | ~d);
        g = (7 * i) % 16;
      }
      const t = d;
      d = c;
      c = bb;
      bb = (bb + rotl((a + f + K_MD5[i]! + m[g]!) >>> 0, S_MD5[i]!)) >>> 0;
      a = t;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + bb) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new Uint8Array(16);
  [a0, b0, c0, d0].forEach((w, i) => {
    for (let j = 0; j < 4; j++) out[4 * i + j] = (w >>> (8 * j)) & 0xff;
  });
  return out;
}

export function hmac(hash: (m: Uint8Array) => Uint8Array, key: Uint8Array, msg: Uint8Array, block = 64): Uint8Array {
  if (key.length > block) key = hash(key);
  const k = new Uint8Array(block);
  k.set(key);
  const inner = new Uint8Array(block + msg.length);
  const outer = new Uint8Array(block);
  for (let i = 0; i < block; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(msg, block);
  const ih = hash(inner);
  const o = new Uint8Array(block + ih.length);
  o.set(outer);
  o.set(ih, block);
  return hash(o);
}

// SHA-512 with BigInt words: slower than 32-bit pairs but short, and only used for HMAC-SHA512.
const M64 = (1n << 64n) - 1n;
const K512: bigint[] = (() => {
  // First 64 bits of the fractional parts of the cube roots of the first 80 primes, computed exactly with
  // integer cube roots (floats lack the precision).
  const primes: number[] = [];
  for (let n = 2; primes.length < 80; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes.map((p) => {
    const target = BigInt(p) << 192n; // cbrt(p * 2^192) = cbrt(p) * 2^64
    let x = BigInt(Math.floor(Math.cbrt(p) * 2 ** 20)) << 44n;
    for (let i = 0; i < 100; i++) {
      const nx = (2n * x + target / (x * x)) / 3n;
      if (nx === x) break;
      x = nx;
    }
    while (x * x * x > target) x--;
    while ((x + 1n) ** 3n <= target) x++;
    return x & M64;
  });
})();

const rotr64 = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M64;

const IV512 = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const IV384 = [
  0xcbbb9d5dc1059ed8n, 0x629a292a367cd507n, 0x9159015a3070dd17n, 0x152fecd8f70e5939n,
  0x67332667ffc00b31n, 0x8eb44a8768581511n, 0xdb0c2e0d64f98fa7n, 0x47b5481dbefa4fa4n,
];

export const sha512 = (msg: Uint8Array): Uint8Array => sha2_64(msg, IV512, 64);
export const sha384 = (msg: Uint8Array): Uint8Array => sha2_64(msg, IV384, 48);

function sha2_64(msg: Uint8Array, iv: bigint[], outLen: number): Uint8Array {
  const len = msg.length;
  const total = (((len + 16) >> 7) + 1) << 7;
  const b = new Uint8Array(total);
  b.set(msg);
  b[len] = 0x80;
  const bits = BigInt(len) * 8n;
  for (let i = 0; i < 16; i++) b[total - 1 - i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  const h = [...iv];
  const w: bigint[] = new Array(80);
  for (let off = 0; off < total; off += 128) {
    for (let i = 0; i < 16; i++) {
      let x = 0n;
      for (let j = 0; j < 8; j++) x = (x << 8n) | BigInt(b[off + 8 * i + j]!);
      w[i] = x;
    }
    for (let i = 16; i < 80; i++) {
      const s0 = rotr64(w[i - 15]!, 1n) ^ rotr64(w[i - 15]!, 8n) ^ (w[i - 15]! >> 7n);
      const s1 = rotr64(w[i - 2]!, 19n) ^ rotr64(w[i - 2]!, 61n) ^ (w[i - 2]! >> 6n);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) & M64;
    }
    let [a, bb, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let i = 0; i < 80; i++) {
      const S1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (~e & M64 & g);
      const t1 = (hh + S1 + ch + K512[i]! + w[i]!) & M64;
      const S0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) & M64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & M64;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) & M64;
    }
    [a, bb, c, d, e, f, g, hh].forEach((x, i) => (h[i] = (h[i]! + x) & M64));
  }
  const out = new Uint8Array(64);
  h.forEach((x, i) => {
    for (let j = 0; j < 8; j++) out[8 * i + j] = Number((x >> BigInt(56 - 8 * j)) & 0xffn);
  });
  return out.slice(0, outLen);
}

export const hmacSha256 = (key: Uint8Array, msg: Uint8Array): Uint8Array => hmac(sha256, key, msg);

/** An HMAC-SHA256 key with its padded blocks already hashed: each message then costs its own blocks only. */
export interface HmacSha256Key {
  /** SHA-256 state after the inner padded key; continue a copy with the message. */
  readonly inner: Sha256;
  /** SHA-256 state after the outer padded key. */
  readonly outer: Sha256;
}

export function hmacSha256Key(key: Uint8Array): HmacSha256Key {
  if (key.length > 64) key = sha256(key);
  const ipad = new Uint8Array(64);
  const opad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const k = key[i] ?? 0;
    ipad[i] = k ^ 0x36;
    opad[i] = k ^ 0x5c;
  }
  return { inner: new Sha256().update(ipad), outer: new Sha256().update(opad) };
}

/** HMAC-SHA256 of what `inner` (a copy of key.inner, fed the message) has been fed: the same bytes as hmacSha256. */
export function finishHmacSha256(key: HmacSha256Key, inner: Sha256): Uint8Array {
  return OUTER_SCRATCH.copyFrom(key.outer).update(inner.digest()).digest();
}

/** The outer hash of finishHmacSha256, reused: it is filled and finished within one call. */
const OUTER_SCRATCH = new Sha256();

/** hmacSha256(key, msg) with a prepared key. */
export function hmacSha256With(key: HmacSha256Key, msg: Uint8Array): Uint8Array {
  return finishHmacSha256(key, key.inner.copy().update(msg));
}

/** Adler-32 checksum (sprig's adler32sum). */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
