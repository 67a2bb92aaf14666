// A UUID-shaped identifier derived from (seed, resource uid): what score-k8s keeps in its state file as
// `.Guid`, recomputed identically on every run instead.
import { hmacSha256With } from "../hash/digests.js";
import { preparedSeed } from "../template/keyed-random.js";

const enc = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** UTF-8 bytes; an ASCII string (every uid in practice) is copied without a native TextEncoder call. */
function utf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return enc.encode(s);
    out[i] = c;
  }
  return out;
}

export function deterministicGuid(seed: string, uid: string): string {
  const b = hmacSha256With(preparedSeed(seed), utf8(`guid:${uid}`));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4 layout
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  let h = "";
  for (let i = 0; i < 16; i++) h += HEX[b[i]!];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
