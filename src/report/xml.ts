// XML 1.0 escaping for the JUnit reporter. Characters XML 1.0 cannot carry at all (most C0 controls,
// lone surrogates, U+FFFE/U+FFFF) are replaced, since even a character reference to them is ill-formed.

const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string {
  return s.replace(NOT_XML_CHAR, "\uFFFD");
}

export function escapeText(s: string): string {
  return clean(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Attribute values: line breaks and tabs as character references, or parsers normalise them to spaces. */
export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

export function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join("");
}
