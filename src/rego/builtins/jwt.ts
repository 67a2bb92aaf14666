// io.jwt.* — HMAC algorithms only (HS256, HS384, HS512). Public-key algorithms (RS*, PS*, ES*) are not
// implemented: signing or verifying with them raises a builtin error rather than guessing.
import { RObject, num, type Value } from "../value.js";
import { def, fail, obj, str } from "./args.js";
import { base64Decode, base64Encode, fromUtf8, hexEncode, utf8 } from "./bytes.js";
import { hmac, sha256, sha384, sha512 } from "../../hash/digests.js";
import { marshal, unmarshal } from "./json.js";
import { float } from "./numeric.js";
import type { BuiltinContext, BuiltinDef } from "./types.js";

const b64url = (b: Uint8Array) => base64Encode(b, true, false);

function b64urlDecode(name: string, s: string): Uint8Array {
  const b = base64Decode(s, true, false) ?? base64Decode(s, true, true);
  if (!b) throw fail(name, "failed to decode JWT: illegal base64 data");
  return b;
}

interface Parsed {
  header: RObject;
  payload: Value;
  signingInput: string;
  sig: Uint8Array;
}

function parseToken(name: string, token: string): Parsed {
  const parts = token.split(".");
  if (parts.length !== 3) throw fail(name, "encoded JWT had no period separators");
  const header = unmarshal(name, fromUtf8(b64urlDecode(name, parts[0]!)));
  if (!(header instanceof RObject)) throw fail(name, "JWT header is not an object");
  const payload = unmarshal(name, fromUtf8(b64urlDecode(name, parts[1]!)));
  return { header, payload, signingInput: parts[0] + "." + parts[1], sig: b64urlDecode(name, parts[2]!) };
}

const HMACS: Record<string, (key: Uint8Array, msg: Uint8Array) => Uint8Array> = {
  HS256: (k, m) => hmac(sha256, k, m),
  HS384: (k, m) => hmac(sha384, k, m, 128),
  HS512: (k, m) => hmac(sha512, k, m, 128),
};

function hs(alg: string, secret: Uint8Array, input: string): Uint8Array {
  return HMACS[alg]!(secret, utf8(input));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function sign(name: string, header: RObject, payloadText: string, key: RObject): string {
  const alg = header.get("alg");
  const input = b64url(utf8(marshal(header))) + "." + b64url(utf8(payloadText));
  if (alg === "none") return input + ".";
  if (typeof alg !== "string" || !HMACS[alg]) throw fail(name, `unsupported signing algorithm ${typeof alg === "string" ? alg : ""}`.trim());
  const k = key.get("k");
  if (key.get("kty") !== "oct" || typeof k !== "string") throw fail(name, `${alg} needs an oct JWK with a "k" member`);
  return input + "." + b64url(hs(alg, b64urlDecode(name, k), input));
}

export const jwtBuiltins: BuiltinDef[] = [
  def("io.jwt.decode", ["string"], { arrayOf: "any" }, (args) => {
    const t = parseToken("io.jwt.decode", str("io.jwt.decode", args, 0));
    return [t.header, t.payload, hexEncode(t.sig)];
  }),
  ...(["HS256", "HS384", "HS512"] as const).map((alg) => {
    const name = `io.jwt.verify_${alg.toLowerCase()}`;
    return def(name, ["string", "string"], "boolean", (args) => {
      const t = parseToken(name, str(name, args, 0));
      return sameBytes(hs(alg, utf8(str(name, args, 1)), t.signingInput), t.sig);
    });
  }),
  def("io.jwt.encode_sign", ["object", "object", "object"], "string", (args) =>
    sign("io.jwt.encode_sign", obj("io.jwt.encode_sign", args, 0), marshal(obj("io.jwt.encode_sign", args, 1)), obj("io.jwt.encode_sign", args, 2)),
  ),
  def("io.jwt.encode_sign_raw", ["string", "string", "string"], "string", (args) => {
    const name = "io.jwt.encode_sign_raw";
    const h = unmarshal(name, str(name, args, 0));
    const k = unmarshal(name, str(name, args, 2));
    if (!(h instanceof RObject) || !(k instanceof RObject)) throw fail(name, "header and key must be JSON objects");
    return sign(name, h, str(name, args, 1), k);
  }),
  def("io.jwt.decode_verify", ["string", "object"], { arrayOf: "any" }, (args, ctx: BuiltinContext) => {
    const name = "io.jwt.decode_verify";
    const token = str(name, args, 0);
    const c = obj(name, args, 1);
    const invalid: Value = [false, new RObject(), new RObject()];
    for (const k of c.keys()) {
      if (!["cert", "secret", "alg", "iss", "aud", "time", "sub"].includes(k as string))
        throw fail(name, `unknown token validation constraint: ${String(k)}`);
    }
    let t: Parsed;
    try {
      t = parseToken(name, token);
    } catch {
      return invalid;
    }
    const alg = t.header.get("alg");
    const want = c.get("alg");
    if (want !== undefined && want !== alg) return invalid;
    const secret = c.get("secret");
    if (c.get("cert") !== undefined && secret === undefined) throw fail(name, "public-key (cert) verification is not supported");
    if (typeof secret !== "string") throw fail(name, "no key to verify the signature with");
    if (typeof alg !== "string" || !HMACS[alg]) throw fail(name, `unsupported signing algorithm ${String(alg)}`);
    if (!sameBytes(hs(alg, utf8(secret), t.signingInput), t.sig)) return invalid;
    const p = t.payload;
    if (!(p instanceof RObject)) return invalid;
    const nowV = c.get("time");
    const nowNs = nowV === undefined ? float(num(ctx.nowNs)) : typeof nowV === "number" || typeof nowV === "bigint" ? float(nowV) : NaN;
    const nowSec = nowNs / 1e9;
    const exp = p.get("exp");
    if (exp !== undefined && (typeof exp !== "number" || nowSec >= exp)) return invalid;
    const nbf = p.get("nbf");
    if (nbf !== undefined && (typeof nbf !== "number" || nowSec < nbf)) return invalid;
    const iss = c.get("iss");
    if (iss !== undefined && p.get("iss") !== iss) return invalid;
    const sub = c.get("sub");
    if (sub !== undefined && p.get("sub") !== sub) return invalid;
    const aud = c.get("aud");
    const tAud = p.get("aud");
    if (tAud !== undefined) {
      const list = Array.isArray(tAud) ? tAud : [tAud];
      if (aud === undefined || !list.includes(aud)) return invalid;
    } else if (aud !== undefined) return invalid;
    return [true, t.header, p];
  }),
];
