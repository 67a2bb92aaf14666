// Node-only: crypto.x509.parse_certificates, parse_and_verify_certificates(_with_options) and
// parse_rsa_private_key. Certificates come out in the JSON shape of Go's x509.Certificate (what OPA returns),
// read from the DER by der.ts; signatures are checked with Node's X509Certificate. Registered from
// node-builtins.ts; the core engine never imports this file.
//
// Differences from OPA (README "Rego builtins"): fields Go fills from extensions this reader does not decode
// (name constraints, policies, CRL distribution points, OCSP/issuer URLs) are null; an EC public key is
// {X, Y} without Go's Curve parameters; chain verification without `CurrentTime` does not check validity
// windows (scorec reads no clock; OPA uses the wall clock).
import { X509Certificate, createPrivateKey } from "node:crypto";
import { fromJSON, RSet, type Value } from "../value.js";
import { def, fail, obj, str } from "./args.js";
import { base64Decode, base64Encode, fromUtf8 } from "./bytes.js";
import { children, derString, derTime, DerError, integer, oidParts, oidString, readTlv, type Tlv } from "./der.js";
import { firstPemBlock } from "./jwt-pubkey.node.js";
import type { BuiltinDef } from "./types.js";

const b64 = (b: Uint8Array) => base64Encode(b);

const SIG_ALGS: Record<string, number> = {
  "1.2.840.113549.1.1.2": 1,
  "1.2.840.113549.1.1.4": 2,
  "1.2.840.113549.1.1.5": 3,
  "1.2.840.113549.1.1.11": 4,
  "1.2.840.113549.1.1.12": 5,
  "1.2.840.113549.1.1.13": 6,
  "1.2.840.10040.4.3": 7,
  "2.16.840.1.101.3.4.3.2": 8,
  "1.2.840.10045.4.1": 9,
  "1.2.840.10045.4.3.2": 10,
  "1.2.840.10045.4.3.3": 11,
  "1.2.840.10045.4.3.4": 12,
  "1.2.840.113549.1.1.10": 13,
  "1.3.101.112": 16,
};
const KEY_ALGS: Record<string, number> = { "1.2.840.113549.1.1.1": 1, "1.2.840.10040.4.1": 2, "1.2.840.10045.2.1": 3, "1.3.101.112": 4 };
const NAME_FIELDS: Record<string, string> = {
  "2.5.4.6": "Country",
  "2.5.4.10": "Organization",
  "2.5.4.11": "OrganizationalUnit",
  "2.5.4.7": "Locality",
  "2.5.4.8": "Province",
  "2.5.4.9": "StreetAddress",
  "2.5.4.17": "PostalCode",
};
const EXT_KEY_USAGES: Record<string, number> = {
  "2.5.29.37.0": 0,
  "1.3.6.1.5.5.7.3.1": 1,
  "1.3.6.1.5.5.7.3.2": 2,
  "1.3.6.1.5.5.7.3.3": 3,
  "1.3.6.1.5.5.7.3.4": 4,
  "1.3.6.1.5.5.7.3.5": 5,
  "1.3.6.1.5.5.7.3.6": 6,
  "1.3.6.1.5.5.7.3.7": 7,
  "1.3.6.1.5.5.7.3.8": 8,
  "1.3.6.1.5.5.7.3.9": 9,
  "1.3.6.1.4.1.311.10.3.3": 10,
  "2.16.840.1.113730.4.1": 11,
  "1.3.6.1.4.1.311.2.1.22": 12,
  "1.3.6.1.4.1.311.61.1.1": 13,
};

/** Go's pkix.Name (as encoding/json writes it: empty lists are null). */
function pkixName(t: Tlv): Record<string, unknown> {
  const n: Record<string, string[]> = {};
  const names: { Type: number[]; Value: string }[] = [];
  let cn = "";
  let serial = "";
  for (const rdn of children(t))
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const oid = oidString(type!.content);
      const v = derString(value!);
      names.push({ Type: oidParts(type!.content), Value: v });
      if (oid === "2.5.4.3") cn = v;
      else if (oid === "2.5.4.5") serial = v;
      else if (NAME_FIELDS[oid]) (n[NAME_FIELDS[oid]!] ??= []).push(v);
    }
  const out: Record<string, unknown> = {};
  for (const f of ["Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode"]) out[f] = n[f] ?? null;
  out.SerialNumber = serial;
  out.CommonName = cn;
  out.Names = names.length ? names : null;
  out.ExtraNames = null;
  return out;
}

function ipString(b: Uint8Array): string {
  if (b.length === 4) return [...b].join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  // RFC 5952 shortening of the longest run of zero groups, as Go's net.IP.String does.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return groups.slice(0, best).join(":") + "::" + groups.slice(best + bestLen).join(":");
}

function publicKeyJson(alg: number, spki: Tlv): unknown {
  const [, bits] = children(spki);
  const key = bits!.content.subarray(1);
  if (alg === 1) {
    const [n, e] = children(readTlv(key));
    return { N: integer(n!.content), E: Number(integer(e!.content)) };
  }
  if (alg === 3 && key[0] === 4) {
    const size = (key.length - 1) / 2;
    const toInt = (b: Uint8Array) => integer(Uint8Array.from([0, ...b]));
    return { X: toInt(key.subarray(1, 1 + size)), Y: toInt(key.subarray(1 + size)) };
  }
  if (alg === 4) return b64(key);
  return null;
}

/** One certificate's JSON object in the shape of Go's x509.Certificate plus OPA's URIStrings. */
export function certificateJson(der: Uint8Array): Record<string, unknown> {
  const cert = readTlv(der);
  const [tbs, sigAlg, sig] = children(cert);
  let parts = children(tbs!);
  let version = 1;
  if (parts[0]!.tag === 0xa0) {
    version = Number(integer(children(parts[0]!)[0]!.content)) + 1;
    parts = parts.slice(1);
  }
  const [serial, , issuer, validity, subject, spki, ...rest] = parts;
  const [notBefore, notAfter] = children(validity!);
  const spkiAlg = oidString(children(children(spki!)[0]!)[0]!.content);
  const keyAlg = KEY_ALGS[spkiAlg] ?? 0;
  const out: Record<string, unknown> = {
    Raw: b64(cert.raw),
    RawTBSCertificate: b64(tbs!.raw),
    RawSubjectPublicKeyInfo: b64(spki!.raw),
    RawSubject: b64(subject!.raw),
    RawIssuer: b64(issuer!.raw),
    Signature: b64(sig!.content.subarray(1)),
    SignatureAlgorithm: SIG_ALGS[oidString(children(sigAlg!)[0]!.content)] ?? 0,
    PublicKeyAlgorithm: keyAlg,
    PublicKey: publicKeyJson(keyAlg, spki!),
    Version: version,
    SerialNumber: integer(serial!.content),
    Issuer: pkixName(issuer!),
    Subject: pkixName(subject!),
    NotBefore: derTime(notBefore!),
    NotAfter: derTime(notAfter!),
    KeyUsage: 0,
    Extensions: null,
    ExtraExtensions: null,
    UnhandledCriticalExtensions: null,
    ExtKeyUsage: null,
    UnknownExtKeyUsage: null,
    BasicConstraintsValid: false,
    IsCA: false,
    MaxPathLen: 0,
    MaxPathLenZero: false,
    SubjectKeyId: null,
    AuthorityKeyId: null,
    OCSPServer: null,
    IssuingCertificateURL: null,
    DNSNames: null,
    EmailAddresses: null,
    IPAddresses: null,
    URIs: null,
    PermittedDNSDomainsCritical: false,
    PermittedDNSDomains: null,
    ExcludedDNSDomains: null,
    PermittedIPRanges: null,
    ExcludedIPRanges: null,
    PermittedEmailAddresses: null,
    ExcludedEmailAddresses: null,
    PermittedURIDomains: null,
    ExcludedURIDomains: null,
    CRLDistributionPoints: null,
    PolicyIdentifiers: null,
    URIStrings: null,
  };
  const extsTlv = rest.find((t) => t.tag === 0xa3);
  if (extsTlv) {
    const exts: unknown[] = [];
    for (const e of children(children(extsTlv)[0]!)) {
      const f = children(e);
      const id = f[0]!;
      const critical = f.length === 3 && f[1]!.tag === 0x01 && f[1]!.content[0] !== 0;
      const value = f[f.length - 1]!.content;
      exts.push({ Id: oidParts(id.content), Critical: critical, Value: b64(value) });
      applyExtension(out, oidString(id.content), value);
    }
    out.Extensions = exts;
  }
  return out;
}

function applyExtension(out: Record<string, unknown>, oid: string, value: Uint8Array): void {
  const v = readTlv(value);
  switch (oid) {
    case "2.5.29.15": {
      // KeyUsage: bit i of the BIT STRING is Go's 1 << i.
      const bytes = v.content.subarray(1);
      let ku = 0;
      for (let i = 0; i < bytes.length * 8 && i < 9; i++) if (bytes[i >> 3]! & (0x80 >> (i & 7))) ku |= 1 << i;
      out.KeyUsage = ku;
      break;
    }
    case "2.5.29.19": {
      const f = children(v);
      out.BasicConstraintsValid = true;
      out.IsCA = f[0]?.tag === 0x01 && f[0].content[0] !== 0;
      const pl = f.find((x) => x.tag === 0x02);
      out.MaxPathLen = pl ? Number(integer(pl.content)) : -1;
      out.MaxPathLenZero = out.MaxPathLen === 0;
      break;
    }
    case "2.5.29.14":
      out.SubjectKeyId = b64(v.content);
      break;
    case "2.5.29.35": {
      const k = children(v).find((x) => x.tag === 0x80);
      if (k) out.AuthorityKeyId = b64(k.content);
      break;
    }
    case "2.5.29.37": {
      const known: number[] = [];
      const unknown: number[][] = [];
      for (const o of children(v)) {
        const id = oidString(o.content);
        if (id in EXT_KEY_USAGES) known.push(EXT_KEY_USAGES[id]!);
        else unknown.push(oidParts(o.content));
      }
      out.ExtKeyUsage = known.length ? known : null;
      out.UnknownExtKeyUsage = unknown.length ? unknown : null;
      break;
    }
    case "2.5.29.17": {
      const dns: string[] = [];
      const email: string[] = [];
      const ips: string[] = [];
      const uris: string[] = [];
      for (const n of children(v)) {
        const text = () => fromUtf8(n.content);
        if (n.tag === 0x81) email.push(text());
        else if (n.tag === 0x82) dns.push(text());
        else if (n.tag === 0x86) uris.push(text());
        else if (n.tag === 0x87) ips.push(ipString(n.content));
      }
      out.DNSNames = dns.length ? dns : null;
      out.EmailAddresses = email.length ? email : null;
      out.IPAddresses = ips.length ? ips : null;
      out.URIStrings = uris.length ? uris : null;
      break;
    }
  }
}

/** DER certificates of OPA's input forms: PEM text, base64 of PEM text, or base64 of concatenated DER. */
function certificateDers(name: string, input: string): Uint8Array[] {
  let text = input;
  if (!input.startsWith("-----BEGIN")) {
    const raw = base64Decode(input.replace(/\s+/g, ""));
    if (!raw) throw fail(name, "illegal base64 data");
    text = fromUtf8(raw);
    if (!text.startsWith("-----BEGIN")) {
      const out: Uint8Array[] = [];
      let off = 0;
      while (off < raw.length) {
        const t = readTlv(raw, off);
        out.push(t.raw);
        off = t.end;
      }
      return out;
    }
  }
  const out: Uint8Array[] = [];
  let rest = text;
  for (let b = firstPemBlock(rest); b; b = firstPemBlock(rest)) {
    if (b.type === "CERTIFICATE") out.push(new Uint8Array(b.der));
    rest = b.rest;
  }
  if (!out.length) throw fail(name, "x509: malformed certificate");
  return out;
}

function parseAll(name: string, input: string): { ders: Uint8Array[]; json: Record<string, unknown>[] } {
  const ders = certificateDers(name, input);
  try {
    return { ders, json: ders.map(certificateJson) };
  } catch (e) {
    if (e instanceof DerError || e instanceof TypeError) throw fail(name, `x509: malformed certificate (${e.message})`);
    throw e;
  }
}

interface VerifyOpts {
  dnsName?: string;
  nowMs?: number;
  keyUsages?: number[];
}

/** Go's Certificate.Verify, reduced: the chain root → intermediates → leaf as given, signatures, CA flags, times. */
function verifyChain(ders: Uint8Array[], json: Record<string, unknown>[], o: VerifyOpts): boolean {
  if (ders.length < 2) return false;
  const certs = ders.map((d) => new X509Certificate(d));
  const leaf = certs.length - 1;
  for (let i = leaf; i > 0; i--) {
    const child = certs[i]!;
    const parent = certs[i - 1]!;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) return false;
    // Intermediates must be CAs (Go: BasicConstraintsValid && IsCA); the root is trusted as given.
    if (i - 1 > 0 && !(json[i - 1]!.BasicConstraintsValid && json[i - 1]!.IsCA)) return false;
  }
  if (o.nowMs !== undefined)
    for (const j of json) if (o.nowMs < Date.parse(j.NotBefore as string) || o.nowMs > Date.parse(j.NotAfter as string)) return false;
  if (o.dnsName !== undefined && o.dnsName !== "" && !certs[leaf]!.checkHost(o.dnsName, { subject: "never" })) return false;
  // Go's default: the leaf must allow server auth unless KeyUsages says otherwise (Any accepts all).
  const usages = o.keyUsages ?? [1];
  if (!usages.includes(0)) {
    for (const j of json) {
      const eku = j.ExtKeyUsage as number[] | null;
      if (eku && !eku.includes(0) && !usages.some((u) => eku.includes(u))) return false;
    }
  }
  return true;
}

const KEY_USAGE_NAMES: Record<string, number> = {
  KeyUsageAny: 0,
  KeyUsageServerAuth: 1,
  KeyUsageClientAuth: 2,
  KeyUsageCodeSigning: 3,
  KeyUsageEmailProtection: 4,
  KeyUsageIPSECEndSystem: 5,
  KeyUsageIPSECTunnel: 6,
  KeyUsageIPSECUser: 7,
  KeyUsageTimeStamping: 8,
  KeyUsageOCSPSigning: 9,
  KeyUsageMicrosoftServerGatedCrypto: 10,
  KeyUsageNetscapeServerGatedCrypto: 11,
  KeyUsageMicrosoftCommercialCodeSigning: 12,
  KeyUsageMicrosoftKernelCodeSigning: 13,
};

function verifyOptions(name: string, o: ReturnType<typeof obj>): VerifyOpts {
  const out: VerifyOpts = {};
  for (const [k, v] of o.entries()) {
    if (typeof k !== "string") continue;
    if (k === "DNSName") {
      if (typeof v !== "string") throw fail(name, "'DNSName' should be a string");
      out.dnsName = v.replace(/^"+|"+$/g, "");
    } else if (k === "CurrentTime") {
      if (typeof v !== "number" && typeof v !== "bigint") throw fail(name, "'CurrentTime' should be a number");
      if (typeof v === "number" && !Number.isInteger(v)) throw fail(name, "'CurrentTime' should be a valid int64 number");
      out.nowMs = Number(BigInt(v) / 1_000_000n);
    } else if (k === "MaxConstraintComparisons") {
      if (typeof v !== "number" && typeof v !== "bigint") throw fail(name, "'MaxConstraintComparisons' should be a number");
    } else if (k === "KeyUsages") {
      const xs: Value[] = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : (() => { throw fail(name, "'KeyUsages' should be an Array or Set"); })();
      const bad: string[] = [];
      out.keyUsages = [];
      for (const x of xs) {
        if (typeof x !== "string") continue;
        const u = x.replace(/^"+|"+$/g, "");
        if (u in KEY_USAGE_NAMES) out.keyUsages.push(KEY_USAGE_NAMES[u]!);
        else bad.push(u);
      }
      if (bad.length) throw fail(name, `invalid entries for 'KeyUsages' found: [${bad.join(" ")}]`);
    } else throw fail(name, "invalid key option");
  }
  return out;
}

function parseAndVerify(name: string, input: string, o: VerifyOpts): Value {
  let parsed;
  try {
    parsed = parseAll(name, input);
  } catch {
    return [false, []];
  }
  let ok = false;
  try {
    ok = verifyChain(parsed.ders, parsed.json, o);
  } catch {
    ok = false;
  }
  return ok ? [true, fromJSON(parsed.json)] : [false, []];
}

/** `crypto.x509.parse_rsa_private_key`: the key as a JWK (n, e, d, p, q, dp, dq, qi), as OPA's jwk.New gives. */
function rsaPrivateKeyJwk(name: string, input: string): Value {
  if (input === "") throw fail(name, "input PEM data was empty");
  let text = input;
  if (!input.startsWith("-----BEGIN")) {
    const raw = base64Decode(input);
    if (!raw) throw fail(name, "illegal base64 data");
    text = fromUtf8(raw);
  }
  for (let b = firstPemBlock(text); b; b = firstPemBlock(b.rest)) {
    if (b.type !== "RSA PRIVATE KEY" && b.type !== "PRIVATE KEY" && b.type !== "EC PRIVATE KEY") continue;
    let jwk;
    try {
      const key = createPrivateKey({ key: b.der, format: "der", type: b.type === "RSA PRIVATE KEY" ? "pkcs1" : b.type === "EC PRIVATE KEY" ? "sec1" : "pkcs8" });
      jwk = key.export({ format: "jwk" }) as Record<string, unknown>;
    } catch (e) {
      throw fail(name, (e as Error).message);
    }
    return fromJSON(jwk);
  }
  return null;
}

export const x509Builtins: BuiltinDef[] = [
  def("crypto.x509.parse_certificates", ["string"], { arrayOf: "object" }, (args) => {
    const name = "crypto.x509.parse_certificates";
    return fromJSON(parseAll(name, str(name, args, 0)).json);
  }),
  def("crypto.x509.parse_and_verify_certificates", ["string"], { arrayOf: "any" }, (args) => {
    const name = "crypto.x509.parse_and_verify_certificates";
    return parseAndVerify(name, str(name, args, 0), {});
  }),
  def("crypto.x509.parse_and_verify_certificates_with_options", ["string", "object"], { arrayOf: "any" }, (args) => {
    const name = "crypto.x509.parse_and_verify_certificates_with_options";
    const input = str(name, args, 0);
    const opts = verifyOptions(name, obj(name, args, 1));
    return parseAndVerify(name, input, opts);
  }),
  def("crypto.x509.parse_rsa_private_key", ["string"], "object", (args) => {
    const name = "crypto.x509.parse_rsa_private_key";
    return rsaPrivateKeyJwk(name, str(name, args, 0));
  }),
];
