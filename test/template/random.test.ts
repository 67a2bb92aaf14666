import { afterEach, describe, expect, it, vi } from "vitest";
import { createKeyedRandom, parseTemplate, TemplateError } from "../../src/template/index.js";
import { hmacSha256, sha256, toHex } from "../../src/hash/digests.js";
import { utf8Encode } from "../../src/template/strings-go.js";

describe("sha256 / hmac", () => {
  it("matches FIPS 180 vectors", () => {
    expect(toHex(sha256(utf8Encode("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(sha256(utf8Encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(toHex(sha256(new Uint8Array(1000).fill(0x61)))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });
  it("matches RFC 4231 HMAC test case 2", () => {
    expect(toHex(hmacSha256(utf8Encode("Jefe"), utf8Encode("what do ya want for nothing?")))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });
});

describe("keyed random source", () => {
  afterEach(() => vi.restoreAllMocks());
  const tpl = parseTemplate("{{ randAlphaNum 12 }} {{ randAlpha 5 }} {{ randNumeric 4 }} {{ randAscii 6 }} {{ uuidv4 }} {{ randInt 10 20 }} {{ shuffle \"abcdef\" }}");
  const exec = (seed: string, key: string): string => tpl.execute({}, { random: createKeyedRandom(seed, key) });

  it("is deterministic per (seed, key) and differs across keys and seeds", () => {
    expect(exec("s", "k")).toBe(exec("s", "k"));
    expect(exec("s", "k")).not.toBe(exec("s", "k2"));
    expect(exec("s", "k")).not.toBe(exec("s2", "k"));
  });
  it("produces values in the right alphabets and formats", () => {
    const [an, a, n, asc, uuid, ri, sh] = exec("s", "k").split(/ (?=\S)/);
    expect(an).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(a).toMatch(/^[A-Za-z]{5}$/);
    expect(n).toMatch(/^[0-9]{4}$/);
    expect(asc).toHaveLength(6);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number(ri)).toBeGreaterThanOrEqual(10);
    expect(Number(ri)).toBeLessThan(20);
    expect([...sh!].sort().join("")).toBe("abcdef");
  });
  it("never calls Math.random", () => {
    const spy = vi.spyOn(Math, "random");
    exec("s", "k");
    expect(spy).not.toHaveBeenCalled();
  });
  it("continues the call count across templates sharing one source", () => {
    const src = createKeyedRandom("s", "k");
    const t = parseTemplate("{{ randAlphaNum 8 }}");
    expect(t.execute({}, { random: src })).not.toBe(t.execute({}, { random: src }));
  });
  it.each([
    ["the same key", "k"],
    ["another key", "k2"],
  ])("gives every call an independent value: two 8-character values are not the halves of a 16-character one (%s)", (_, key) => {
    const two = parseTemplate("{{ randAlphaNum 8 }}{{ randAlphaNum 8 }}").execute({}, { random: createKeyedRandom("s", "k") });
    const one = parseTemplate("{{ randAlphaNum 16 }}").execute({}, { random: createKeyedRandom("s", key) });
    expect(two).toHaveLength(16);
    // Slices of one stream would make one === two (the bug of issue 12); independent calls share no run of 6.
    for (let i = 0; i + 6 <= one.length; i++) expect(two).not.toContain(one.slice(i, i + 6));
  });
  it("reads a word (uint32) as the same stream bytes as bytes(4), across HMAC block ends", () => {
    const words = createKeyedRandom("seed", ["k"]).call("what");
    const bytes = createKeyedRandom("seed", ["k"]).call("what");
    // 40 words span five 32-byte blocks; mixing the two reads on one stream keeps one position.
    for (let i = 0; i < 40; i++) {
      const b = bytes.bytes(4);
      expect(words.uint32!()).toBe(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
    }
    const mixedA = createKeyedRandom("seed", ["k"]).call("what");
    const mixedB = createKeyedRandom("seed", ["k"]).call("what");
    const a = [...mixedA.bytes(3), ...new Uint8Array(new Uint32Array([mixedA.uint32!()]).buffer).reverse(), ...mixedA.bytes(30)];
    expect(a).toEqual([...mixedB.bytes(37)]);
  });

  it("separates key parts: (\"ab\", \"c\") and (\"a\", \"bc\") are different keys", () => {
    const t = parseTemplate("{{ randAlphaNum 16 }}");
    expect(t.execute({}, { random: createKeyedRandom("s", ["ab", "c"]) })).not.toBe(t.execute({}, { random: createKeyedRandom("s", ["a", "bc"]) }));
  });
  it("keys the stream by the UTF-8 bytes of each part, length-prefixed, ASCII or not", () => {
    // Reference: block 0 = HMAC(seed, len‖part … ‖ len‖"0" ‖ len‖what ‖ counter 0), every length 8 bytes big-endian.
    const u64 = (n: number) => [0, 0, 0, 0, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const enc = (parts: string[]) => parts.flatMap((p) => { const b = [...utf8Encode(p)]; return [...u64(b.length), ...b]; });
    for (const key of [["compose", "postgres.default#svc.db", "template://x"], ["çà", "ü€😀", ""]]) {
      const msg = new Uint8Array([...enc(key), ...enc(["0", "randAlpha 8"]), ...u64(0)]);
      const expected = [...hmacSha256(utf8Encode("seed"), msg)];
      expect([...createKeyedRandom("seed", key).call("randAlpha 8").bytes(32)]).toEqual(expected);
    }
  });
  it("refuses to run random functions without a source", () => {
    expect(() => parseTemplate("{{ randAlpha 3 }}").execute({})).toThrow(TemplateError);
    expect(() => parseTemplate("{{ randAlpha 3 }}").execute({})).toThrow(/no random source configured/);
  });
});
