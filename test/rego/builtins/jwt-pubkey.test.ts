// io.jwt public-key verification (Node-only module). Keys are self-made fixtures (test/rego/fixtures/pki,
// made with openssl); tokens are signed here with Node's crypto, so nothing depends on a clock.
import { createHmac, createPrivateKey, createPublicKey, sign as nodeSign, constants } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jwtPublicKeyBuiltins } from "../../../src/rego/builtins/jwt-pubkey.node.js";
import { compileModules } from "../../../src/rego/index.js";
import { REPO } from "../../helpers/paths.js";
import { callersOf } from "./call.js";
import "../../../src/rego/builtins/node-builtins.js";

const pki = (f: string) => readFileSync(join(REPO, "test", "rego", "fixtures", "pki", f), "utf8");
const b64u = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function derToJose(der: Buffer, size: number): Buffer {
  // SEQUENCE { INTEGER r, INTEGER s } → r‖s, each left-padded to the curve size.
  let i = 2;
  if (der[1]! & 0x80) i += der[1]! & 0x7f;
  const read = () => {
    const len = der[i + 1]!;
    const v = der.subarray(i + 2, i + 2 + len);
    i += 2 + len;
    const t = v[0] === 0 ? v.subarray(1) : v;
    return Buffer.concat([Buffer.alloc(size - t.length), t]);
  };
  return Buffer.concat([read(), read()]);
}

function signToken(alg: string, keyFile: string, payload: object, extraHeader: object = {}): string {
  const input = b64u(JSON.stringify({ alg, typ: "JWT", ...extraHeader })) + "." + b64u(JSON.stringify(payload));
  const key = createPrivateKey(pki(keyFile));
  const hash = alg === "EdDSA" ? null : "sha" + alg.slice(2);
  let sig: Buffer;
  if (alg.startsWith("PS")) sig = nodeSign(hash, Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 });
  else sig = nodeSign(hash, Buffer.from(input), key);
  if (alg.startsWith("ES")) sig = derToJose(sig, { ES256: 32, ES384: 48, ES512: 66 }[alg]!);
  return input + "." + b64u(sig);
}

const { call, callErr } = callersOf(jwtPublicKeyBuiltins);

const CASES: [string, string, string, string][] = [
  ["RS256", "rsa.key", "rsa.crt", "rsa.pub"],
  ["RS384", "rsa.key", "rsa.crt", "rsa.pub"],
  ["RS512", "rsa.key", "rsa.crt", "rsa.pub"],
  ["PS256", "rsa.key", "rsa.crt", "rsa.pub"],
  ["PS384", "rsa.key", "rsa.crt", "rsa.pub"],
  ["PS512", "rsa.key", "rsa.crt", "rsa.pub"],
  ["ES256", "ec256.key", "ec256.pub", "ec256.pub"],
  ["ES384", "ec384.key", "ec384.pub", "ec384.pub"],
  ["ES512", "ec521.key", "ec521.pub", "ec521.pub"],
];

describe("io.jwt.verify_<alg> with public keys", () => {
  for (const [alg, priv, cert, pub] of CASES) {
    it(`${alg}: valid with the certificate or public key, false with another key or a changed payload`, () => {
      const t = signToken(alg, priv, { iss: "xxx" });
      const name = `io.jwt.verify_${alg.toLowerCase()}`;
      expect(call(name, t, pki(cert))).toBe(true);
      expect(call(name, t, pki(pub))).toBe(true);
      const other = alg.startsWith("ES") ? "ed25519.pub" : "ec256.pub";
      expect(call(name, t, pki(other))).toBe(false);
      const [h, , s] = t.split(".");
      expect(call(name, `${h}.${b64u('{"iss":"yyy"}')}.${s}`, pki(cert))).toBe(false);
    });
  }
  it("an RS256 token does not verify as PS256 nor RS512 (the builtin's algorithm is used)", () => {
    const t = signToken("RS256", "rsa.key", { a: 1 });
    expect(call("io.jwt.verify_ps256", t, pki("rsa.crt"))).toBe(false);
    expect(call("io.jwt.verify_rs512", t, pki("rsa.crt"))).toBe(false);
  });
  it("EdDSA with an Ed25519 public key", () => {
    const t = signToken("EdDSA", "ed25519.key", { a: 1 });
    expect(call("io.jwt.verify_eddsa", t, pki("ed25519.pub"))).toBe(true);
    expect(call("io.jwt.verify_eddsa", t, pki("ec256.pub"))).toBe(false);
  });
  it("JWK and JWK set keys; kid selects the key; a key with another alg is skipped", () => {
    const jwk = { ...createPublicKey(pki("rsa.pub")).export({ format: "jwk" }), kid: "k1" };
    const ec = { ...createPublicKey(pki("ec256.pub")).export({ format: "jwk" }), kid: "k2" };
    const t = signToken("RS256", "rsa.key", { a: 1 }, { kid: "k1" });
    expect(call("io.jwt.verify_rs256", t, JSON.stringify(jwk))).toBe(true);
    expect(call("io.jwt.verify_rs256", t, JSON.stringify({ keys: [ec, jwk] }))).toBe(true);
    // kid names the EC key: only that key is tried.
    const t2 = signToken("RS256", "rsa.key", { a: 1 }, { kid: "k2" });
    expect(call("io.jwt.verify_rs256", t2, JSON.stringify({ keys: [ec, jwk] }))).toBe(false);
    // alg on the key differs from the header's: skipped.
    expect(call("io.jwt.verify_rs256", t, JSON.stringify({ keys: [{ ...jwk, kid: "x", alg: "PS256" }] }))).toBe(false);
    // an alg OPA does not know: the key is skipped, not an error.
    expect(call("io.jwt.verify_rs256", t, JSON.stringify({ keys: [{ ...jwk, alg: "XX1" }] }))).toBe(false);
  });
  it("errors as OPA: bad key material, extra data after PEM, malformed tokens", () => {
    const t = signToken("RS256", "rsa.key", { a: 1 });
    expect(callErr("io.jwt.verify_rs256", t, "not a key")).toMatch(/^io\.jwt\.verify_rs256: failed to parse a JWK key \(set\)/);
    expect(callErr("io.jwt.verify_rs256", t, pki("rsa.crt") + "junk")).toBe("io.jwt.verify_rs256: extra data after a PEM certificate block");
    expect(callErr("io.jwt.verify_rs256", t, pki("rsa.key"))).toBe("io.jwt.verify_rs256: failed to extract a Key from the PEM certificate");
    expect(callErr("io.jwt.verify_rs256", "abc", pki("rsa.crt"))).toBe("io.jwt.verify_rs256: encoded JWT had no period separators");
    expect(callErr("io.jwt.verify_rs256", "a.b", pki("rsa.crt"))).toBe("io.jwt.verify_rs256: encoded JWT must have 3 sections, found 2");
  });
});

describe("io.jwt.decode_verify with a cert constraint", () => {
  const dv = (t: string, c: object) => call("io.jwt.decode_verify", t, c) as unknown[];
  const t = signToken("ES256", "ec256.key", { iss: "issuer", aud: ["a", "b"], nbf: 1000, exp: 2000 });
  const cert = pki("ec256.pub");
  it("valid token: [true, header, payload]", () => {
    expect(dv(t, { cert, time: 1500e9, aud: "a" })).toEqual([true, { alg: "ES256", typ: "JWT" }, { iss: "issuer", aud: ["a", "b"], nbf: 1000, exp: 2000 }]);
  });
  it("alg, iss, aud, exp and nbf constraints", () => {
    const bad = [false, {}, {}];
    expect(dv(t, { cert, time: 1500e9, alg: "RS256" })).toEqual(bad);
    expect(dv(t, { cert, time: 1500e9, iss: "other" })).toEqual(bad);
    expect(dv(t, { cert, time: 1500e9, iss: "issuer", aud: "b" })[0]).toBe(true);
    expect(dv(t, { cert, time: 1500e9, aud: "c" })).toEqual(bad);
    expect(dv(t, { cert, time: 2000e9, aud: "a" })).toEqual(bad); // exp is exclusive
    expect(dv(t, { cert, time: 999e9, aud: "a" })).toEqual(bad);
    expect(dv(t, { cert, time: 1000e9, aud: "a" })[0]).toBe(true); // nbf is inclusive
    // No `time`: scorec has no clock, so exp/nbf are not compared (OPA would use the wall clock).
    expect(dv(t, { cert, aud: "a" })[0]).toBe(true);
    // A token with aud and no aud constraint is not valid (RFC 7519 4.1.3, as OPA).
    expect(dv(signToken("ES256", "ec256.key", { aud: "a" }), { cert })).toEqual(bad);
  });
  it("signed by another key: false; errors for bad constraints", () => {
    expect(dv(t, { cert: pki("ec384.pub"), time: 1500e9 })).toEqual([false, {}, {}]);
    expect(callErr("io.jwt.decode_verify", t, { time: 1 })).toBe("io.jwt.decode_verify: no key constraint");
    expect(callErr("io.jwt.decode_verify", t, { cert, secret: "x" })).toBe("io.jwt.decode_verify: duplicate key constraints");
    expect(callErr("io.jwt.decode_verify", t, { cert, foo: 1 })).toBe("io.jwt.decode_verify: unknown token validation constraint: foo");
    expect(callErr("io.jwt.decode_verify", t, { cert, time: "x" })).toBe("io.jwt.decode_verify: token time constraint: must be a number");
    const badExp = signToken("ES256", "ec256.key", { exp: "soon" });
    expect(callErr("io.jwt.decode_verify", badExp, { cert })).toBe("io.jwt.decode_verify: exp value must be a number");
  });
  it("HS256 keeps working with a secret", () => {
    const input = b64u('{"alg":"HS256"}') + "." + b64u('{"sub":"alice"}');
    const sig = createHmac("sha256", "s").update(input).digest("hex");
    const tok = input + "." + b64u(Buffer.from(sig, "hex"));
    expect(dv(tok, { secret: "s" })).toEqual([true, { alg: "HS256" }, { sub: "alice" }]);
  });
  it("is registered for policies compiled by the engine (Node entry)", () => {
    const r = compileModules([{ path: "p.rego", source: `package p\nok if io.jwt.verify_es256(input.t, input.k)\n` }]);
    if (!r.ok) throw new Error(String(r.errors));
    expect(r.program.evalRule(["p", "ok"], { input: { t, k: cert }, nowNs: 0n })).toBe(true);
  });
});
