// A reader for the tar archives inside OPA bundles (`opa build` writes ustar; other tools add pax or GNU
// long-name records). Only regular files are returned; the archive is never written to disk, so names
// are just map keys. Every size and offset is checked against the buffer: a corrupt archive is an error
// message, never an out-of-range read.

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

export class TarFormatError extends Error {}

const BLOCK = 512;

function text(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return new TextDecoder().decode(block.subarray(start, end));
}

/** Numeric header fields: octal text, or GNU base-256 when the first byte has its high bit set. */
function number(block: Uint8Array, start: number, length: number, what: string): number {
  if (block[start]! & 0x80) {
    let n = block[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + block[i]!;
    if (!Number.isSafeInteger(n)) throw new TarFormatError(`${what} is too large`);
    return n;
  }
  const s = text(block, start, length).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`${what} is not an octal number: ${JSON.stringify(s)}`);
  return parseInt(s, 8);
}

function checksumOk(block: Uint8Array): boolean {
  const stored = number(block, 148, 8, "header checksum");
  let sum = 0;
  // the checksum field itself counts as eight spaces
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** pax records: "<len> <key>=<value>\n", len counting the whole record in BYTES (names may be UTF-8). */
function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const dec = new TextDecoder();
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const len = sp < 0 ? NaN : Number(dec.decode(data.subarray(i, sp)));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length) throw new TarFormatError("malformed pax header");
    const record = dec.decode(data.subarray(sp + 1, i + len - 1));
    const eq = record.indexOf("=");
    if (eq < 0) throw new TarFormatError("malformed pax header record");
    out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}

export interface TarLimits {
  /** Largest single file. */
  maxFileBytes: number;
}

export function readTar(archive: Uint8Array, limits: TarLimits): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let pax: Map<string, string> | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(header)) throw new TarFormatError(`bad header checksum at byte ${offset}`);
    const type = String.fromCharCode(header[156]!);
    let size = number(header, 124, 12, "entry size");
    if (pax?.has("size")) size = Number(pax.get("size"));
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError(`bad entry size at byte ${offset}`);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new TarFormatError(`archive is truncated (entry at byte ${offset} needs ${size} bytes)`);
    const data = archive.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    if (type === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (type === "L") {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === "g" || type === "K") continue; // global pax header, GNU long link name: nothing we use

    const magic = text(header, 257, 6);
    const prefix = magic.startsWith("ustar") ? text(header, 345, 155) : "";
    const short = text(header, 0, 100);
    const name = pax?.get("path") ?? longName ?? (prefix ? `${prefix}/${short}` : short);
    pax = undefined;
    longName = undefined;
    if (type !== "0" && type !== "\0" && type !== "7") continue; // directories, links, devices
    if (size > limits.maxFileBytes) throw new TarFormatError(`${name} is ${size} bytes, over the ${limits.maxFileBytes}-byte limit`);
    entries.push({ name, data });
  }
  if (offset === 0 && archive.length > 0 && entries.length === 0 && !archive.subarray(0, Math.min(BLOCK, archive.length)).every((b) => b === 0)) {
    throw new TarFormatError("not a tar archive");
  }
  return entries;
}
