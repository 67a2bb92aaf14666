// How one scalar is written so that YAML 1.1 readers (go-yaml v2/v3 in docker compose, PyYAML) and
// YAML 1.2 readers all read back the same string or number. The rules are deliberately stricter than
// either spec: a needlessly quoted string costs two characters, a misread one changes a deployment.
import { boundedMemo } from "../data/bounded-memo.js";

/** Characters that may appear unescaped in output: YAML's printable set minus the characters some
 *  readers treat specially (NEL, LS, PS are YAML 1.1 line breaks; BOM; C1 controls). */
const UNSAFE_CHAR = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

/** Words YAML 1.1 reads as booleans or null (any case: `yEs` too, to be safe), plus merge/value keys. */
const RESERVED_WORD = /^(?:y|n|yes|no|true|false|on|off|null|~|<<|=)$/i;

/** Number-like: ints, underscores, sexagesimal (`1:30`, `3000:30`), floats, exponents (even a bare `E7`,
 *  which the `yaml` package's YAML 1.1 schema reads as a float), a leading dot. */
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_.]*)?|\.[0-9_.]*)?(?:[eE][-+]?[0-9]+)?$/;

/** Prefixed integers (YAML 1.1 `0b`, YAML 1.2 `0o`, hex; Go's strconv also accepts upper case). */
const PREFIXED_INT = /^[-+]?0(?:b[0-1_]+|o[0-7_]+|x[0-9a-f_]+)$/i;

const INF_NAN = /^[-+]?\.(?:inf|nan)$/i;

/** YAML 1.1 timestamps: a date, optionally followed by a time. */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt \t])/;

/**
 * Most keys and values of generated files (`image`, `svc-00042-main`, `ghcr.io/org/app`) start with a letter
 * and use only letters, digits and `_./-`: such a string is plain-safe unless it is a reserved word or reads
 * as a number (`E7`). The full rules below give the same answer for them; this only skips the other tests.
 * Tests /^[A-Za-z][A-Za-z0-9_./-]*$/ without a regex run: most scalars of a generated file take this test.
 */
function isSimpleWord(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0) | 0x20; // ASCII lower case
  if (first < 0x61 || first > 0x7a) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    const lower = c | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2f || c === 0x2d) continue;
    return false;
  }
  return true;
}

/** May `s` be written plain, on one line, and be read back as this exact string by 1.1 and 1.2 readers? */
export function isPlainSafe(s: string): boolean {
  if (isSimpleWord(s)) {
    // A reserved word has at most 5 letters; a simple word reads as a number only as `E7` / `e-7`.
    const c = s.charCodeAt(0);
    return !(s.length <= 5 && RESERVED_WORD.test(s)) && !((c === 69 || c === 101) && NUMBER_LIKE.test(s));
  }
  return plainSafe(s);
}

/**
 * The full test's answers for the other strings seen so far (image references, commands, URLs repeat
 * across services). Bounded, so distinct values cannot grow it without end.
 */
const plainSafe = boundedMemo(fullPlainSafe, 4096, 256);

function fullPlainSafe(s: string): boolean {
  if (s === "" || UNSAFE_CHAR.test(s) || /[\t\n]/.test(s)) return false;
  if (s !== s.trim()) return false; // leading/trailing blanks (JS trim also covers Unicode spaces)
  if (RESERVED_WORD.test(s) || NUMBER_LIKE.test(s) || PREFIXED_INT.test(s) || INF_NAN.test(s) || TIMESTAMP.test(s)) return false;
  // Indicators cannot start a plain scalar; `-` may when followed by a non-space (`--port=80`).
  if (/^[?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.startsWith("-") && (s.length === 1 || s[1] === " " || s.startsWith("---"))) return false;
  if (s.startsWith("...")) return false;
  // `: ` starts a value, ` #` a comment; a trailing `:` makes a key.
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  return true;
}

/**
 * May `s` be a literal block scalar (`|`, `|-`, `|+`)? Only when the block reads back byte-exact with
 * no indentation indicator: no trailing blanks on a line (readers strip them), the first non-empty
 * line does not start with a blank (it would set the indentation), and some non-blank content.
 */
export function isBlockSafe(s: string): boolean {
  if (!s.includes("\n") || UNSAFE_CHAR.test(s)) return false;
  if (/[ \t]\n|[ \t]$/.test(s)) return false;
  const firstContent = s.split("\n").find((line) => line !== "");
  return firstContent !== undefined && !/^[ \t]/.test(firstContent);
}

/** Does the string need `|+` (keep) chomping, i.e. end with two or more newlines? */
export function needsKeepChomping(s: string): boolean {
  return s.endsWith("\n\n");
}

/**
 * A double-quoted scalar that is also a JSON string: JSON escapes, plus `\uXXXX` for the characters
 * JSON leaves raw but YAML readers do not (C1 controls, NEL/LS/PS line breaks, BOM, non-characters).
 */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(
    /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * A number as both YAML 1.1 and 1.2 read it: integers as digits, other floats in JavaScript's shortest
 * round-trip form, with exponents written `1.0e+21` (YAML 1.1 floats need a dot and a signed exponent).
 */
export function formatNumber(n: number | bigint): string {
  if (typeof n === "bigint") return String(n);
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n < 0 ? "-.inf" : ".inf";
  const s = String(n); // -0 prints as 0, as in JSON
  const e = s.indexOf("e");
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  const exponent = s.slice(e + 1);
  return `${mantissa.includes(".") ? mantissa : mantissa + ".0"}e${/^[-+]/.test(exponent) ? exponent : "+" + exponent}`;
}
