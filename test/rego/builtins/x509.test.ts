// crypto.x509.* (Node-only module). Certificates are self-made fixtures (test/rego/fixtures/pki, made with
// openssl: an RSA self-signed certificate with SANs, an EC root and a leaf it issued, an unrelated root).
// Expected values come from `openssl x509 -text` of the same files and from Go's x509 JSON field names.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { x509Builtins } from "../../../src/rego/builtins/x509.node.js";
import { compileModules } from "../../../src/rego/index.js";
import { REPO } from "../../helpers/paths.js";
import { callersOf } from "./call.js";
import "../../../src/rego/builtins/node-builtins.js";

const pki = (f: string) => readFileSync(join(REPO, "test", "rego", "fixtures", "pki", f), "utf8");
const { call, callErr } = callersOf(x509Builtins);
const derB64 = (pem: string) => pem.replace(/-----[^-]+-----|\s+/g, "");

describe("crypto.x509.parse_certificates", () => {
  it("reads names, serial, validity, SANs and key details in Go's field names", () => {
    const [c] = call("crypto.x509.parse_certificates", pki("rsa.crt"));
    expect(c.Subject.CommonName).toBe("rsa.example.test");
    expect(c.Subject.Country).toEqual(["US"]);
    expect(c.Subject.Organization).toEqual(["scorec test"]);
    expect(c.Subject.Names).toEqual([
      { Type: [2, 5, 4, 6], Value: "US" },
      { Type: [2, 5, 4, 10], Value: "scorec test" },
      { Type: [2, 5, 4, 3], Value: "rsa.example.test" },
    ]);
    expect(c.Issuer).toEqual(c.Subject);
    expect(c.SerialNumber).toBe(1001);
    expect(c.Version).toBe(3);
    expect(c.NotBefore).toBe("2026-12-05T15:11:36Z");
    expect(c.NotAfter).toBe("2126-11-11T15:11:36Z");
    expect(c.DNSNames).toEqual(["rsa.example.test", "www.example.test"]);
    expect(c.IPAddresses).toEqual(["10.0.0.1"]);
    expect(c.EmailAddresses).toEqual(["ops@example.test"]);
    expect(c.URIStrings).toEqual(["spiffe://example.test/rsa"]);
    expect(c.SignatureAlgorithm).toBe(4); // SHA256WithRSA
    expect(c.PublicKeyAlgorithm).toBe(1); // RSA
    expect(c.PublicKey.E).toBe(65537);
    expect(c.Raw).toBe(derB64(pki("rsa.crt")));
  });
  it("CA flags, key usage bits and extension list", () => {
    const [ca] = call("crypto.x509.parse_certificates", pki("ca.crt"));
    expect(ca.IsCA).toBe(true);
    expect(ca.BasicConstraintsValid).toBe(true);
    expect(ca.MaxPathLen).toBe(-1);
    expect(ca.KeyUsage).toBe(32 | 64); // CertSign | CRLSign
    expect(ca.PublicKeyAlgorithm).toBe(3);
    expect(ca.SignatureAlgorithm).toBe(10); // ECDSAWithSHA256
    const ids = ca.Extensions.map((e: { Id: number[] }) => e.Id.join("."));
    expect(ids).toContain("2.5.29.19");
    expect(ca.Extensions.find((e: { Id: number[] }) => e.Id.join(".") === "2.5.29.19").Critical).toBe(true);
  });
  it("accepts several PEM blocks, base64 of PEM and base64 of DER", () => {
    expect(call("crypto.x509.parse_certificates", pki("chain.pem")).map((c: any) => c.Subject.CommonName)).toEqual(["scorec test root", "leaf.example.test"]);
    const b = Buffer.from(pki("leaf.crt")).toString("base64");
    expect(call("crypto.x509.parse_certificates", b)[0].Subject.CommonName).toBe("leaf.example.test");
    expect(call("crypto.x509.parse_certificates", derB64(pki("leaf.crt")))[0].Subject.CommonName).toBe("leaf.example.test");
  });
  it("bad input is a builtin error", () => {
    expect(callErr("crypto.x509.parse_certificates", "not base64!")).toMatch(/^crypto\.x509\.parse_certificates: /);
    expect(callErr("crypto.x509.parse_certificates", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).toMatch(/malformed certificate/);
  });
});

describe("crypto.x509.parse_and_verify_certificates(_with_options)", () => {
  it("root then leaf verifies; an unrelated root or a single certificate does not", () => {
    const [ok, certs] = call("crypto.x509.parse_and_verify_certificates", pki("chain.pem"));
    expect(ok).toBe(true);
    expect(certs.map((c: any) => c.Subject.CommonName)).toEqual(["scorec test root", "leaf.example.test"]);
    expect(call("crypto.x509.parse_and_verify_certificates", pki("wrong-chain.pem"))).toEqual([false, []]);
    expect(call("crypto.x509.parse_and_verify_certificates", pki("ca.crt"))).toEqual([false, []]);
    expect(call("crypto.x509.parse_and_verify_certificates", "garbage")).toEqual([false, []]);
  });
  it("options: DNSName, CurrentTime (ns), KeyUsages; unknown options are errors", () => {
    const f = "crypto.x509.parse_and_verify_certificates_with_options";
    expect(call(f, pki("chain.pem"), { DNSName: "leaf.example.test" })[0]).toBe(true);
    expect(call(f, pki("chain.pem"), { DNSName: "other.example.test" })).toEqual([false, []]);
    const inside = Date.UTC(2030, 0, 1) * 1e6;
    expect(call(f, pki("chain.pem"), { CurrentTime: inside })[0]).toBe(true);
    expect(call(f, pki("chain.pem"), { CurrentTime: Date.UTC(2020, 0, 1) * 1e6 })).toEqual([false, []]);
    expect(call(f, pki("chain.pem"), { KeyUsages: ["KeyUsageAny"] })[0]).toBe(true);
    expect(callErr(f, pki("chain.pem"), { KeyUsages: ["Nope"] })).toBe(`${f}: invalid entries for 'KeyUsages' found: [Nope]`);
    expect(callErr(f, pki("chain.pem"), { Foo: 1 })).toBe(`${f}: invalid key option`);
    expect(callErr(f, pki("chain.pem"), { DNSName: 1 })).toBe(`${f}: 'DNSName' should be a string`);
  });
});

describe("crypto.x509.parse_rsa_private_key", () => {
  it("PKCS#1 and PKCS#8 PEM give the same JWK; base64 of PEM is accepted", () => {
    const a = call("crypto.x509.parse_rsa_private_key", pki("rsa-pkcs1.key"));
    expect(a.kty).toBe("RSA");
    expect(a.e).toBe("AQAB");
    expect(Object.keys(a).sort()).toEqual(["d", "dp", "dq", "e", "kty", "n", "p", "q", "qi"]);
    expect(call("crypto.x509.parse_rsa_private_key", pki("rsa.key"))).toEqual(a);
    expect(call("crypto.x509.parse_rsa_private_key", Buffer.from(pki("rsa-pkcs1.key")).toString("base64"))).toEqual(a);
    expect(callErr("crypto.x509.parse_rsa_private_key", "")).toBe("crypto.x509.parse_rsa_private_key: input PEM data was empty");
  });
});

it("the x509 builtins are registered for policies compiled by the engine (Node entry)", () => {
  const r = compileModules([{ path: "p.rego", source: `package p\ncn := crypto.x509.parse_certificates(input)[0].Subject.CommonName\n` }]);
  if (!r.ok) throw new Error(String(r.errors));
  expect(r.program.evalRule(["p", "cn"], { input: pki("leaf.crt"), nowNs: 0n })).toBe("leaf.example.test");
});
