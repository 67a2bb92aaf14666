// A UUID-shaped identifier derived from (seed, resource uid): what score-k8s keeps in its state file as
// `.Guid`, recomputed identically on every run instead.
import { hmacSha256With } from "../hash/digests.js";
import { preparedSeed } from "../template/keyed-random.js";

const enc = new TextEncoder();

export function deterministicGuid(seed: string, uid: string): string {
  const b = hmacSha256With(preparedSeed(seed), enc.encode(`guid:${uid}`)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4 layout
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
