// Byte-level helpers without Node's Buffer: UTF-8, base64 (strict, as Go's decoders) and hex.
const enc = new TextEncoder();
const dec = new TextDecoder();

export const utf8 = (s: string): Uint8Array => enc.encode(s);
export const fromUtf8 = (b: Uint8Array): string => dec.decode(b);

const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function base64Encode(b: Uint8Array, url = false, pad = true): string {
  const abc = url ? URL : STD;
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const left = b.length - i;
    out += abc[(n >> 18) & 63]! + abc[(n >> 12) & 63]!;
    out += left > 1 ? abc[(n >> 6) & 63]! : pad ? "=" : "";
    out += left > 2 ? abc[n & 63]! : pad ? "=" : "";
  }
  return out;
}

/** Go's base64 decoding; `pad` says whether '=' padding is required (StdEncoding) or forbidden (Raw). */
export function base64Decode(s: string, url = false, pad = true): Uint8Array | undefined {
  const abc = url ? URL : STD;
  // Go's decoder skips \r and \n.
  s = s.replace(/[\r\n]/g, "");
  if (pad) {
    if (s.length % 4 !== 0) return undefined;
    const m = /=*$/.exec(s)![0].length;
    if (m > 2) return undefined;
    s = s.slice(0, s.length - m);
    if ((s.length + m) % 4 !== 0 || (m > 0 && (s.length % 4) + m !== 4)) return undefined;
  } else if (s.includes("=")) return undefined;
  if (s.length % 4 === 1) return undefined;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s) {
    const v = abc.indexOf(c);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  // Non-zero trailing bits are accepted, as by Go's non-strict encodings that OPA uses.
  return Uint8Array.from(out);
}

export function hexEncode(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}
