// Node-only: io.jwt.verify_rs*/ps*/es*/eddsa and `io.jwt.decode_verify` with a `cert` constraint, on Node's
// crypto. The core engine never imports this file (it must run without Node); `node-builtins.ts` registers
// these definitions from scorec's Node entry points.
//
// Keys follow OPA's getKeysFromCertOrJWK: a PEM `CERTIFICATE` or `PUBLIC KEY` block (nothing after it), else
// a JWK or JWK set. A JWK whose `alg` OPA does not know is skipped. With a `kid` in the token header that
// names a key of the set, only that key is tried; otherwise every key whose `alg` matches (or has none).
import { X509Certificate, createPublicKey, verify as nodeVerify, constants, type KeyObject } from "node:crypto";
import { RObject } from "../value.js";
import { def, fail, str } from "./args.js";
import { base64Decode, fromUtf8 } from "./bytes.js";
import { decodeVerify, type PublicKeyVerifier } from "./jwt.js";
import { unmarshal } from "./json.js";
import { BuiltinError, type BuiltinDef } from "./types.js";

interface VerificationKey {
  key: KeyObject;
  alg: string;
  kid: string;
}

const KNOWN_ALGS = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA"]);

/** Go's pem.Decode, reduced to what OPA needs: the first block's type and DER bytes, and the text after it. */
export function firstPemBlock(text: string): { type: string; der: Buffer; rest: string } | undefined {
  const m = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  return { type: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ""), "base64"), rest: text.slice(m.index + m[0].length) };
}

/** Public keys of a `cert` operand/constraint, as OPA's getKeysFromCertOrJWK (errors are builtin errors). */
export function verificationKeys(name: string, cert: string): VerificationKey[] {
  const b = firstPemBlock(cert);
  if (b) {
    if (b.rest !== "") throw fail(name, "extra data after a PEM certificate block");
    if (b.type === "CERTIFICATE") {
      try {
        return [{ key: new X509Certificate(b.der).publicKey, alg: "", kid: "" }];
      } catch (e) {
        throw fail(name, `failed to parse a PEM certificate: ${(e as Error).message}`);
      }
    }
    if (b.type === "PUBLIC KEY") {
      try {
        return [{ key: createPublicKey({ key: b.der, format: "der", type: "spki" }), alg: "", kid: "" }];
      } catch (e) {
        throw fail(name, `failed to parse a PEM public key: ${(e as Error).message}`);
      }
    }
    throw fail(name, "failed to extract a Key from the PEM certificate");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(cert);
  } catch (e) {
    throw fail(name, `failed to parse a JWK key (set): ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw fail(name, "failed to parse a JWK key (set): not a JSON object");
  const o = parsed as Record<string, unknown>;
  const jwks = Array.isArray(o.keys) ? (o.keys as unknown[]) : [o];
  const keys: VerificationKey[] = [];
  for (const j of jwks) {
    if (!j || typeof j !== "object") throw fail(name, "failed to parse a JWK key (set): a key is not an object");
    const jwk = j as Record<string, unknown>;
    const alg = typeof jwk.alg === "string" ? jwk.alg : "";
    if (alg !== "" && !KNOWN_ALGS.has(alg)) continue;
    if (jwk.kty === "oct") continue; // a symmetric JWK verifies no public-key signature
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as never, format: "jwk" });
    } catch (e) {
      throw fail(name, `failed to parse a JWK key (set): ${(e as Error).message}`);
    }
    keys.push({ key, alg, kid: typeof jwk.kid === "string" ? jwk.kid : "" });
  }
  return keys;
}

const HASH: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };

/** DER ECDSA signature from JOSE's r‖s (split in half, as OPA does, so leading zero bytes do not matter). */
function joseToDer(sig: Uint8Array): Buffer {
  const n = sig.length >> 1;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : Buffer.from(v);
  };
  const len = (l: number) => (l < 128 ? Buffer.from([l]) : l < 256 ? Buffer.from([0x81, l]) : Buffer.from([0x82, l >> 8, l & 255]));
  const r = int(sig.subarray(0, n));
  const s = int(sig.subarray(n, 2 * n));
  const body = Buffer.concat([Buffer.from([2]), len(r.length), r, Buffer.from([2]), len(s.length), s]);
  return Buffer.concat([Buffer.from([0x30]), len(body.length), body]);
}

/** One signature check with one key; a key of the wrong type is a failed check (OPA: "incorrect public key type"). */
export function verifyWith(alg: string, key: KeyObject, input: string, sig: Uint8Array): boolean {
  const data = Buffer.from(input, "utf8");
  const family = alg.slice(0, 2);
  const hash = HASH[alg.slice(2)];
  try {
    if (family === "RS" && hash && key.asymmetricKeyType === "rsa") return nodeVerify(hash, data, key, sig);
    if (family === "PS" && hash && (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss"))
      return nodeVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
    if (family === "ES" && hash && key.asymmetricKeyType === "ec") {
      if (sig.length < 2) return false;
      return nodeVerify(hash, data, key, joseToDer(sig));
    }
    if (alg === "EdDSA" && key.asymmetricKeyType === "ed25519") return nodeVerify(null, data, key, sig);
  } catch {
    return false;
  }
  return false;
}

/** OPA's key selection: the header's `kid` if it names a key, else every key whose `alg` matches or is unset. */
function verifyKeys(keys: VerificationKey[], header: { alg: string; kid: string }, input: string, sig: Uint8Array): boolean {
  if (header.kid !== "") {
    const k = keys.find((x) => x.kid === header.kid);
    if (k) return verifyWith(header.alg, k.key, input, sig);
  }
  return keys.some((k) => (k.alg === "" || k.alg === header.alg) && verifyWith(header.alg, k.key, input, sig));
}

const publicKeys: PublicKeyVerifier = {
  keys: (name, cert) => verificationKeys(name, cert),
  verify: (keys, header, input, sig) => verifyKeys(keys as VerificationKey[], header, input, sig),
};

function b64url(name: string, s: string, what: string): Uint8Array {
  const b = base64Decode(s, true, false) ?? base64Decode(s, true, true);
  if (!b) throw fail(name, `JWT ${what} had invalid encoding: illegal base64 data`);
  return b;
}

/** `io.jwt.verify_<alg>(jwt, cert)`: the signature alone, with the operation's algorithm (OPA ignores the header's). */
function verifyBuiltin(alg: string): BuiltinDef {
  const name = `io.jwt.verify_${alg.toLowerCase()}`;
  return def(name, ["string", "string"], "boolean", (args) => {
    const token = str(name, args, 0);
    const cert = str(name, args, 1);
    if (!token.includes(".")) throw fail(name, "encoded JWT had no period separators");
    const parts = token.split(".");
    if (parts.length !== 3) throw fail(name, `encoded JWT must have 3 sections, found ${parts.length}`);
    const keys = verificationKeys(name, cert);
    const sig = b64url(name, parts[2]!, "signature");
    const header = unmarshal(name, fromUtf8(b64url(name, parts[0]!, "header")));
    if (!(header instanceof RObject)) throw new BuiltinError(`${name}: JWT header is not an object`);
    const hAlg = header.get("alg");
    const kid = header.get("kid");
    const input = parts[0] + "." + parts[1];
    // The header's alg only filters JWK-set keys by their own alg; the check itself uses this builtin's alg.
    const h = { alg: typeof hAlg === "string" ? hAlg : "", kid: typeof kid === "string" ? kid : "" };
    if (h.kid !== "") {
      const k = keys.find((x) => x.kid === h.kid);
      if (k) return verifyWith(alg, k.key, input, sig);
    }
    return keys.some((k) => (k.alg === "" || k.alg === h.alg) && verifyWith(alg, k.key, input, sig));
  });
}

export const jwtPublicKeyBuiltins: BuiltinDef[] = [
  ...["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"].map(verifyBuiltin),
  decodeVerify(publicKeys),
];
