import { describe, expect, it } from "vitest";
import { deterministicGuid } from "../../src/provision/guid.js";
import { hmacSha256, toHex } from "../../src/hash/digests.js";

// The reference: the first 16 bytes of HMAC-SHA256(seed, "guid:" + uid) in UTF-8, as a version-4 UUID.
function reference(seed: string, uid: string): string {
  const e = new TextEncoder();
  const b = hmacSha256(e.encode(seed), e.encode(`guid:${uid}`)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

describe("deterministicGuid", () => {
  it("is HMAC(seed, guid:uid) shaped as a v4 UUID, for ASCII and non-ASCII uids", () => {
    for (const uid of ["postgres.default#svc.db", "", "volume.défaut#ü.data€😀"]) {
      const g = deterministicGuid("my-seed", uid);
      expect(g).toBe(reference("my-seed", uid));
      expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(deterministicGuid("a", "x")).not.toBe(deterministicGuid("b", "x"));
  });
});
