// io.jwt.* — HMAC algorithms (HS256, HS384, HS512) in plain TypeScript. Public-key verification (RS*, PS*,
// ES*, EdDSA) needs Node's crypto and lives in jwt-pubkey.node.ts, which plugs its key verifier into
// `decodeVerify` below and registers itself from the Node entry points; the core engine never imports it.
import { RObject, type Value } from "../value.js";
import { def, fail, obj, str } from "./args.js";
import { base64Decode, base64Encode, fromUtf8, hexEncode, utf8 } from "./bytes.js";
import { hmac, sha256, sha384, sha512 } from "../../hash/digests.js";
import { marshal, unmarshal } from "./json.js";
import type { BuiltinDef } from "./types.js";

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
  decodeVerify(),
];

/** Verifies `input` against `sig` with the public keys of a `cert` constraint (PEM or JWK set). */
export interface PublicKeyVerifier {
  /** Parses the constraint; throws a BuiltinError (OPA: an error, not `false`) when it is not a key. */
  keys(name: string, cert: string): unknown;
  verify(keys: unknown, header: { alg: string; kid: string }, input: string, sig: Uint8Array): boolean;
}

const CONSTRAINTS = new Set(["cert", "secret", "alg", "iss", "aud", "time", "sub"]);

/** OPA's header checks (RFC 7515): `alg`, `kid`, `typ`, `cty` must be strings, `crit` a non-empty string list. */
function headerFields(name: string, h: RObject): { alg: string; kid: string; cty: string; valid: boolean } {
  const f: Record<string, string> = { alg: "", kid: "", typ: "", cty: "" };
  const unknown: string[] = [];
  let crit: Set<string> | undefined;
  for (const [k, v] of h.entries()) {
    const key = k as string;
    if (key in f) {
      if (typeof v !== "string") throw fail(name, `${key}: must be a string`);
      f[key] = v;
    } else if (key === "crit") {
      if (!Array.isArray(v)) throw fail(name, "crit: must be a list");
      crit = new Set(v.filter((x): x is string => typeof x === "string"));
      if (!crit.size) throw fail(name, "crit: must be a nonempty list");
    } else unknown.push(key);
  }
  const valid = f.alg !== "" && !unknown.some((u) => crit?.has(u));
  return { alg: f.alg!, kid: f.kid!, cty: f.cty!, valid };
}

/** Seconds of a JSON number claim, compared as OPA does (as float64). */
function claimNumber(name: string, claim: string, v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  throw fail(name, `${claim} value must be a number`);
}

/**
 * `io.jwt.decode_verify` as OPA implements it (constraints `secret` | `cert`, `alg`, `iss`, `aud`, `time`),
 * plus rego-cpp's `sub`. Malformed tokens and constraints are errors; failed checks give `[false, {}, {}]`.
 * Without a `time` constraint OPA compares `exp`/`nbf` with the wall clock; scorec reads no clock, so it
 * then checks only that they are numbers (see README "Rego builtins").
 */
export function decodeVerify(pk?: PublicKeyVerifier): BuiltinDef {
  const name = "io.jwt.decode_verify";
  return def(name, ["string", "object"], { arrayOf: "any" }, (args) => {
    let token = str(name, args, 0);
    const c = obj(name, args, 1);
    const invalid: Value = [false, new RObject(), new RObject()];
    let keys: unknown;
    let secret = "";
    let time: number | undefined;
    const want: Record<string, string> = {};
    for (const [k, v] of c.entries()) {
      const key = k as string;
      if (!CONSTRAINTS.has(key)) throw fail(name, `unknown token validation constraint: ${key}`);
      if (key === "time") {
        if (typeof v !== "number" && typeof v !== "bigint") throw fail(name, "token time constraint: must be a number");
        time = Number(v);
        if (time < 0) throw fail(name, "token time constraint: must not be negative");
      } else if (typeof v !== "string") throw fail(name, `${key} constraint: must be a string`);
      else if (key === "cert") {
        if (!pk) throw fail(name, "public-key (cert) verification needs the Node entry point of scorec");
        keys = pk.keys(name, v);
      } else if (key === "secret") secret = v;
      else want[key] = v;
    }
    if (keys !== undefined && secret !== "") throw fail(name, "duplicate key constraints");
    if (keys === undefined && secret === "") throw fail(name, "no key constraint");
    let t: Parsed;
    let header: RObject;
    for (;;) {
      t = parseToken(name, token);
      const h = headerFields(name, t.header);
      if (!h.valid) return invalid;
      if (want.alg !== undefined && want.alg !== h.alg) return invalid;
      const ok =
        keys !== undefined
          ? pk!.verify(keys, h, t.signingInput, t.sig)
          : !!HMACS[h.alg] && sameBytes(hs(h.alg, utf8(secret), t.signingInput), t.sig);
      if (!ok) return invalid;
      header = t.header;
      // RFC 7519 7.2 #8: a nested JWT (cty "JWT") is verified again with the same constraints.
      if (h.cty.toUpperCase() === "JWT") {
        token = fromUtf8(b64urlDecode(name, token.split(".")[1]!));
        continue;
      }
      break;
    }
    const p = t.payload;
    if (!(p instanceof RObject)) throw fail(name, "JWT payload is not an object");
    if (want.iss !== undefined && p.get("iss") !== want.iss) return invalid;
    if (want.sub !== undefined && p.get("sub") !== want.sub) return invalid;
    const tAud = p.get("aud");
    if (tAud !== undefined) {
      const ok = typeof tAud === "string" ? tAud === want.aud : Array.isArray(tAud) && tAud.some((a) => a === want.aud);
      if (!ok) return invalid;
    } else if (want.aud !== undefined) return invalid;
    const exp = p.get("exp");
    if (exp !== undefined) {
      const e = claimNumber(name, "exp", exp);
      if (time !== undefined && time / 1e9 >= e) return invalid;
    }
    const nbf = p.get("nbf");
    if (nbf !== undefined) {
      const n = claimNumber(name, "nbf", nbf);
      if (time !== undefined && time / 1e9 < n) return invalid;
    }
    return [true, header, p];
  });
}
