// Tokeniser for Rego source. Tracks row/col for every token and whether a newline preceded it, because Rego
// separates body literals by newlines as well as by `;`.
import { RegoError } from "./errors.js";

export type TokKind = "ident" | "number" | "string" | "template" | "punct" | "eof";

export interface Token {
  kind: TokKind;
  text: string; // identifier / punctuation text, number text, or the decoded string value
  row: number;
  col: number;
  nl: boolean; // a newline occurred between the previous token and this one
  raw?: boolean; // string came from a backtick literal
}

export interface Comment {
  text: string; // without the leading '#'
  row: number;
  col: number;
}

const PUNCT3: string[] = [];
const PUNCT2 = [":=", "==", "!=", "<=", ">="];
const PUNCT1 = "()[]{},;:.=<>+-*/%&|";

export function lex(src: string, file: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = true;
  const n = src.length;
  const err = (msg: string, r = row, c = i - lineStart + 1): never => {
    throw new RegoError("rego_parse_error", msg, { file, row: r, col: c });
  };
  while (i < n) {
    const ch = src[i]!;
    if (ch === "\n") {
      i++;
      row++;
      lineStart = i;
      nl = true;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (ch === "#") {
      let j = i + 1;
      while (j < n && src[j] !== "\n") j++;
      comments.push({ text: src.slice(i + 1, j).replace(/\r$/, ""), row, col });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      tokens.push({ kind: "ident", text: src.slice(i, j), row, col, nl });
      nl = false;
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 400))!;
      tokens.push({ kind: "number", text: m[0], row, col, nl });
      nl = false;
      i += m[0].length;
      continue;
    }
    if (ch === "$" && (src[i + 1] === '"' || src[i + 1] === "`")) {
      // Template string: keep the raw body; the parser splits it into text and `{expr}` parts.
      const q = src[i + 1]!;
      let j = i + 2;
      let depth = 0;
      while (j < n) {
        const c = src[j]!;
        if (q === '"' && c === "\\") {
          j += 2;
          continue;
        }
        if (depth === 0 && c === q) break;
        if (c === "{") depth++;
        else if (c === "}" && depth > 0) depth--;
        else if (c === '"' && depth > 0) {
          // a string literal inside an expression
          j++;
          while (j < n && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
        }
        if (c === "\n") {
          if (q === '"') err("non-terminated template string");
          row++;
          lineStart = j + 1;
        }
        j++;
      }
      if (j >= n) err("non-terminated template string");
      tokens.push({ kind: "template", text: src.slice(i + 2, j), row, col, nl, raw: q === "`" });
      nl = false;
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let out = "";
      for (;;) {
        if (j >= n || src[j] === "\n") err("non-terminated string");
        const c = src[j]!;
        if (c === '"') break;
        if (c === "\\") {
          const e = src[j + 1];
          const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
          if (e !== undefined && e in simple) {
            out += simple[e];
            j += 2;
            continue;
          }
          if (e === "u") {
            const hex = src.slice(j + 2, j + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) err("illegal escape sequence");
            out += String.fromCharCode(parseInt(hex, 16));
            j += 6;
            continue;
          }
          err("illegal escape sequence", row, j - lineStart + 1);
        }
        out += c;
        j++;
      }
      tokens.push({ kind: "string", text: out, row, col, nl });
      nl = false;
      i = j + 1;
      continue;
    }
    if (ch === "`") {
      let j = i + 1;
      while (j < n && src[j] !== "`") j++;
      if (j >= n) err("non-terminated raw string");
      const text = src.slice(i + 1, j);
      tokens.push({ kind: "string", text, row, col, nl, raw: true });
      nl = false;
      for (const c of text) if (c === "\n") row++;
      const lastNl = text.lastIndexOf("\n");
      if (lastNl >= 0) lineStart = i + 1 + lastNl + 1;
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT3.length === 0 && PUNCT2.includes(two)) {
      tokens.push({ kind: "punct", text: two, row, col, nl });
      nl = false;
      i += 2;
      continue;
    }
    if (PUNCT1.includes(ch)) {
      tokens.push({ kind: "punct", text: ch, row, col, nl });
      nl = false;
      i++;
      continue;
    }
    err(`illegal token '${ch}'`);
  }
  tokens.push({ kind: "eof", text: "", row, col: i - lineStart + 1, nl: true });
  return { tokens, comments };
}
