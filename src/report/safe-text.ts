// Makes untrusted text (file contents, messages quoting YAML keys) harmless on a terminal: control
// characters become visible Control Pictures, and bidirectional overrides (the "Trojan Source" trick)
// become U+FFFD, so what is printed is what is in the file.

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** The visible stand-in for one UTF-16 code unit (or pair) other than tab and line breaks, or undefined if it prints as itself. */
export function visible(ch: string): string | undefined {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return "\u2421";
  if ((c >= 0x80 && c <= 0x9f) || BIDI.test(ch)) return "\uFFFD";
  return undefined;
}

/** One line of a message, controls made visible (tabs become a space). */
export function safeLine(s: string): string {
  let out = "";
  for (const ch of s) out += ch === "\t" ? " " : (visible(ch) ?? ch);
  return out;
}
