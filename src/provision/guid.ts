// A UUID-shaped identifier derived from (seed, resource uid): what score-k8s keeps in its state file as
// `.Guid`, recomputed identically on every run instead.
import { hmacSha256Key, hmacSha256With, type HmacSha256Key } from "../hash/digests.js";

const enc = new TextEncoder();

/** The last seed's prepared HMAC key: a run derives one GUID per resource, all from the same seed. */
let lastKey: { seed: string; key: HmacSha256Key } | undefined;

export function deterministicGuid(seed: string, uid: string): string {
  if (lastKey?.seed !== seed) lastKey = { seed, key: hmacSha256Key(enc.encode(seed)) };
  const b = hmacSha256With(lastKey.key, enc.encode(`guid:${uid}`)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4 layout
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
