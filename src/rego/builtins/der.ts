// A minimal DER (ASN.1) reader: enough of X.509 to build the JSON that Go's crypto/x509 gives OPA. Node's
// X509Certificate exposes only strings for names and no extension list, so the structure is read here.

export interface Tlv {
  tag: number;
  /** Whole element (header and content). */
  raw: Uint8Array;
  content: Uint8Array;
}

export class DerError extends Error {}

/** The element starting at `off`; throws DerError on truncated or indefinite-length input. */
export function readTlv(buf: Uint8Array, off = 0): Tlv & { end: number } {
  if (off + 2 > buf.length) throw new DerError("truncated DER element");
  const tag = buf[off]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError("high-tag-number form is not supported");
  let len = buf[off + 1]!;
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError("unsupported DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  const end = p + len;
  if (end > buf.length) throw new DerError("truncated DER element");
  return { tag, raw: buf.subarray(off, end), content: buf.subarray(p, end), end };
}

/** The elements inside a constructed element. */
export function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < t.content.length) {
    const c = readTlv(t.content, off);
    out.push(c);
    off = c.end;
  }
  return out;
}

export function oidParts(content: Uint8Array): number[] {
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < content.length; i++) {
    v = v * 128 + (content[i]! & 0x7f);
    if (!(content[i]! & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts;
}

export const oidString = (content: Uint8Array): string => oidParts(content).join(".");

/** A (possibly large) INTEGER as a bigint (two's complement). */
export function integer(content: Uint8Array): bigint {
  let v = 0n;
  for (const b of content) v = (v << 8n) | BigInt(b);
  if (content.length && content[0]! & 0x80) v -= 1n << BigInt(content.length * 8);
  return v;
}

/** UTCTime / GeneralizedTime as RFC 3339 (what Go's time.Time marshals to for UTC times). */
export function derTime(t: Tlv): string {
  const s = new TextDecoder().decode(t.content);
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw new DerError(`unsupported time ${s}`);
  const year = t.tag === 0x17 ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  return `${String(year).padStart(4, "0")}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** Text of a directory string (UTF8String, PrintableString, IA5String, T61String, BMPString). */
export function derString(t: Tlv): string {
  if (t.tag === 0x1e) {
    let s = "";
    for (let i = 0; i + 1 < t.content.length; i += 2) s += String.fromCharCode((t.content[i]! << 8) | t.content[i + 1]!);
    return s;
  }
  return new TextDecoder().decode(t.content);
}
