/**
 * Tokeniser for Go text/template source. Mirrors the token kinds of Go's
 * text/template/parse lexer, including the `{{-`/`-}}` trim markers (which need
 * ASCII whitespace next to the dash, exactly as in Go) and comments.
 */
export type TokKind =
  | "text"
  | "left" // {{
  | "right" // }}
  | "space"
  | "identifier"
  | "field" // .Name
  | "variable" // $ or $name
  | "dot"
  | "string"
  | "rawString"
  | "char"
  | "number"
  | "bool"
  | "nil"
  | "pipe"
  | "lparen"
  | "rparen"
  | "declare" // :=
  | "assign" // =
  | "comma"
  | "comment"
  | "keyword"
  | "eof";

export interface Token {
  kind: TokKind;
  val: string;
  pos: number; // offset in the template text
}

export const KEYWORDS = new Set([
  "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
]);

export class LexError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";
const isAlnum = (c: string): boolean => /^[\p{L}\p{Nd}_]$/u.test(c);

export function lex(text: string): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  let trimNextText = false;
  const L = "{{";
  const R = "}}";

  while (pos <= text.length) {
    // Text up to the next left delimiter.
    let next = text.indexOf(L, pos);
    if (next < 0) next = text.length;
    let textEnd = next;
    let trimLeft = false;
    if (next < text.length && text[next + 2] === "-" && isSpace(text[next + 3] ?? "")) {
      trimLeft = true;
      while (textEnd > pos && isSpace(text[textEnd - 1]!)) textEnd--;
    }
    let start = pos;
    if (trimNextText) {
      while (start < textEnd && isSpace(text[start]!)) start++;
      trimNextText = false;
    }
    if (textEnd > start) toks.push({ kind: "text", val: text.slice(start, textEnd), pos: start });
    if (next >= text.length) break;

    // Inside an action.
    const actionStart = next;
    pos = next + 2;
    if (trimLeft) pos += 2; // "- " (the space is consumed as separator)
    // Comments: {{/* ... */}} possibly with trim markers.
    if (text.startsWith("/*", pos)) {
      const end = text.indexOf("*/", pos + 2);
      if (end < 0) throw new LexError("unclosed comment", actionStart);
      let after = end + 2;
      let trimR = false;
      if (text.startsWith(" -" + R, after) || /^[ \t\r\n]-\}\}/.test(text.slice(after, after + 4))) {
        trimR = true;
        after += 2;
      }
      if (!text.startsWith(R, after)) throw new LexError("comment ends before closing delimiter", actionStart);
      toks.push({ kind: "comment", val: text.slice(pos, end + 2), pos: actionStart });
      pos = after + 2;
      trimNextText = trimR;
      continue;
    }
    toks.push({ kind: "left", val: L, pos: actionStart });
    let parenDepth = 0;
    for (;;) {
      // Right delimiter, possibly with trim marker.
      if (isSpace(text[pos] ?? "") && text[pos + 1] === "-" && text.startsWith(R, pos + 2)) {
        toks.push({ kind: "right", val: R, pos: pos + 2 });
        pos += 4;
        trimNextText = true;
        break;
      }
      if (text.startsWith(R, pos)) {
        if (parenDepth > 0) throw new LexError("unclosed left paren", pos);
        toks.push({ kind: "right", val: R, pos });
        pos += 2;
        break;
      }
      if (pos >= text.length) throw new LexError("unclosed action", actionStart);
      const c = text[pos]!;
      const s = pos;
      if (isSpace(c)) {
        while (pos < text.length && isSpace(text[pos]!)) {
          if (text[pos + 1] === "-" && text.startsWith(R, pos + 2)) break; // leave " -}}" for the trim check
          pos++;
        }
        toks.push({ kind: "space", val: text.slice(s, pos), pos: s });
        continue;
      }
      if (c === "=") {
        toks.push({ kind: "assign", val: "=", pos });
        pos++;
        continue;
      }
      if (c === ":") {
        if (text[pos + 1] !== "=") throw new LexError("expected :=", pos);
        toks.push({ kind: "declare", val: ":=", pos });
        pos += 2;
        continue;
      }
      if (c === "|") {
        toks.push({ kind: "pipe", val: "|", pos });
        pos++;
        continue;
      }
      if (c === ",") {
        toks.push({ kind: "comma", val: ",", pos });
        pos++;
        continue;
      }
      if (c === "(") {
        parenDepth++;
        toks.push({ kind: "lparen", val: "(", pos });
        pos++;
        continue;
      }
      if (c === ")") {
        parenDepth--;
        if (parenDepth < 0) throw new LexError("unexpected right paren", pos);
        toks.push({ kind: "rparen", val: ")", pos });
        pos++;
        continue;
      }
      if (c === '"') {
        pos++;
        for (;;) {
          const d = text[pos];
          if (d === undefined || d === "\n") throw new LexError("unterminated quoted string", s);
          if (d === "\\") {
            pos += 2;
            continue;
          }
          pos++;
          if (d === '"') break;
        }
        toks.push({ kind: "string", val: text.slice(s, pos), pos: s });
        continue;
      }
      if (c === "`") {
        const end = text.indexOf("`", pos + 1);
        if (end < 0) throw new LexError("unterminated raw quoted string", s);
        pos = end + 1;
        toks.push({ kind: "rawString", val: text.slice(s, pos), pos: s });
        continue;
      }
      if (c === "'") {
        pos++;
        for (;;) {
          const d = text[pos];
          if (d === undefined || d === "\n") throw new LexError("unterminated character constant", s);
          if (d === "\\") {
            pos += 2;
            continue;
          }
          pos++;
          if (d === "'") break;
        }
        toks.push({ kind: "char", val: text.slice(s, pos), pos: s });
        continue;
      }
      if (c === "$") {
        pos++;
        while (pos < text.length && isAlnum(text[pos]!)) pos++;
        toks.push({ kind: "variable", val: text.slice(s, pos), pos: s });
        checkTerminator(text, pos);
        continue;
      }
      if (c === ".") {
        const d = text[pos + 1] ?? "";
        if (d >= "0" && d <= "9") {
          pos = scanNumber(text, pos);
          toks.push({ kind: "number", val: text.slice(s, pos), pos: s });
          continue;
        }
        if (isAlnum(d)) {
          pos++;
          while (pos < text.length && isAlnum(text[pos]!)) pos++;
          toks.push({ kind: "field", val: text.slice(s, pos), pos: s });
          checkTerminator(text, pos);
          continue;
        }
        toks.push({ kind: "dot", val: ".", pos });
        pos++;
        continue;
      }
      if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
        pos = scanNumber(text, pos);
        const v = text.slice(s, pos);
        if (isAlnum(text[pos] ?? "")) throw new LexError(`bad number syntax: "${v}${text[pos]}"`, s);
        toks.push({ kind: "number", val: v, pos: s });
        continue;
      }
      if (isAlnum(c)) {
        while (pos < text.length && isAlnum(text[pos]!)) pos++;
        const w = text.slice(s, pos);
        checkTerminator(text, pos);
        if (KEYWORDS.has(w)) toks.push({ kind: "keyword", val: w, pos: s });
        else if (w === "true" || w === "false") toks.push({ kind: "bool", val: w, pos: s });
        else if (w === "nil") toks.push({ kind: "nil", val: w, pos: s });
        else toks.push({ kind: "identifier", val: w, pos: s });
        continue;
      }
      throw new LexError(`unrecognized character in action: ${JSON.stringify(c)}`, s);
    }
  }
  toks.push({ kind: "eof", val: "", pos: text.length });
  return toks;
}

/** Go requires identifiers/fields/variables to be followed by a separator or `.`. */
function checkTerminator(text: string, pos: number): void {
  const c = text[pos] ?? "";
  if (c === "" || isSpace(c) || ".,|:)=(".includes(c) || text.startsWith("}}", pos)) return;
  throw new LexError(`bad character ${JSON.stringify(c)}`, pos);
}

function scanNumber(text: string, pos: number): number {
  if (text[pos] === "+" || text[pos] === "-") pos++;
  let digits = "0123456789_";
  if (text[pos] === "0" && /[xXoObB]/.test(text[pos + 1] ?? "")) {
    const b = text[pos + 1]!.toLowerCase();
    pos += 2;
    digits = b === "x" ? "0123456789abcdefABCDEF_" : b === "o" ? "01234567_" : "01_";
  }
  while (pos < text.length && digits.includes(text[pos]!)) pos++;
  if (text[pos] === ".") {
    pos++;
    while (pos < text.length && digits.includes(text[pos]!)) pos++;
  }
  const expChars = digits.length > 12 ? "pP" : "eEpP";
  if (expChars.includes(text[pos] ?? "#")) {
    pos++;
    if (text[pos] === "+" || text[pos] === "-") pos++;
    while (pos < text.length && "0123456789_".includes(text[pos]!)) pos++;
  }
  if (text[pos] === "i") pos++;
  return pos;
}
