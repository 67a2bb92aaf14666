/** Go string-literal decoding and strconv.Quote-style encoding. */

const SIMPLE: Record<string, string> = {
  a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "'": "'", '"': '"',
};

/** Decodes escapes in a Go literal body; `quote` is the delimiter in use. */
function unescape(body: string, quote: string): string {
  let out = "";
  const bytes: number[] = []; // pending \x / octal bytes, decoded as UTF-8 together
  const flush = (): void => {
    if (bytes.length) {
      out += utf8Decode(Uint8Array.from(bytes));
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      flush();
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new Error("invalid syntax");
    if (e in SIMPLE) {
      if ((e === "'" && quote !== "'") || (e === '"' && quote !== '"')) throw new Error("invalid syntax");
      flush();
      out += SIMPLE[e];
    } else if (e === "x") {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new Error("invalid syntax");
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (e >= "0" && e <= "7") {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new Error("invalid syntax");
      bytes.push(parseInt(o, 8));
      i += 2;
    } else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new Error("invalid syntax");
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) throw new Error("invalid syntax");
      flush();
      out += String.fromCodePoint(cp);
      i += n;
    } else {
      throw new Error("invalid syntax");
    }
  }
  flush();
  return out;
}

export function parseGoString(lit: string): string {
  return unescape(lit.slice(1, -1), '"');
}

export function parseGoChar(lit: string): number {
  const s = unescape(lit.slice(1, -1), "'");
  const cps = [...s];
  if (cps.length !== 1) throw new Error(`malformed character constant: ${lit}`);
  return cps[0]!.codePointAt(0)!;
}

const UTF8 = new TextEncoder();

/** Go's []byte(s): UTF-8, a lone surrogate (no Go string has one) as U+FFFD, as TextEncoder writes it. */
export function utf8Encode(s: string): Uint8Array {
  return UTF8.encode(s);
}

/** UTF-8 decoding that maps invalid sequences to U+FFFD, like Go's string conversion when printed. */
export function utf8Decode(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    let need = 0;
    let cp = 0;
    if (c < 0x80) { out += String.fromCharCode(c); i++; continue; }
    else if (c >= 0xc2 && c < 0xe0) { need = 1; cp = c & 31; }
    else if (c >= 0xe0 && c < 0xf0) { need = 2; cp = c & 15; }
    else if (c >= 0xf0 && c < 0xf5) { need = 3; cp = c & 7; }
    else { out += "\ufffd"; i++; continue; }
    let ok = i + need <= b.length - 1;
    for (let k = 1; ok && k <= need; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 63);
    }
    const min = [0, 0x80, 0x800, 0x10000][need]!;
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) { out += "\ufffd"; i++; continue; }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export { goQuote } from "../gofmt/quote.js";
