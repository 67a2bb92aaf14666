// Go's strconv.Quote, shared by Rego's sprintf (%q) and the template engine (printf %q, sprig quote).

/** strconv.Quote: double-quoted Go literal, printable Unicode kept as is. */
export function goQuote(s: string, quoteChar = '"', asciiOnly = false): string {
  let out = quoteChar;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quoteChar || ch === "\\") { out += "\\" + ch; continue; }
    if (cp >= 0x20 && cp < 0x7f) { out += ch; continue; }
    if (!asciiOnly && cp >= 0x80 && isPrintable(ch)) { out += ch; continue; }
    switch (ch) {
      case "\x07": out += "\\a"; continue;
      case "\b": out += "\\b"; continue;
      case "\f": out += "\\f"; continue;
      case "\n": out += "\\n"; continue;
      case "\r": out += "\\r"; continue;
      case "\t": out += "\\t"; continue;
      case "\v": out += "\\v"; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 0xd800 && cp < 0xe000) out += "\\ufffd";
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + quoteChar;
}

function isPrintable(ch: string): boolean {
  // Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, U+0020.
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}
