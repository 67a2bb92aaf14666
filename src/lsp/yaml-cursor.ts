// Cursor → path in a Score document, read from indentation rather than from a YAML parse: the buffer
// being edited is usually half-typed and does not parse, yet completion must still know where it is.
// Handles block mappings and block sequences (`- `), which is all Score files use in practice.

export interface LineInfo {
  /** Columns of `- ` sequence indicators, left to right. */
  dashes: number[];
  key?: { text: string; start: number; end: number };
  /** Column just after the key's `:`. */
  colon?: number;
  /** Column of the first character after indentation and dashes; -1 for a blank or comment line. */
  content: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:'"{[\]}][^#]*?)\s*:(?=\s|$)/;

export function lineInfo(line: string): LineInfo {
  const dashes: number[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " ") i++;
    if (line[i] === "-" && (line[i + 1] === " " || i + 1 === line.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  if (i >= line.length || line[i] === "#") return { dashes, content: dashes.length ? i : -1 };
  const m = KEY.exec(line.slice(i));
  if (!m) return { dashes, content: i };
  let text = m[1]!;
  if (/^["']/.test(text)) text = text.slice(1, -1);
  return { dashes, key: { text, start: i, end: i + m[1]!.length }, colon: i + m[0].length, content: i };
}

export interface CursorContext {
  /** Path of the mapping the cursor's key belongs to (sequence items as their index). */
  parent: string[];
  /** "key": on a key or a partly typed key; "value": after `key:`; "blank": on an empty line. */
  where: "key" | "value" | "blank";
  /** The key on the cursor line, when there is one (for "key" also the partial word). */
  key?: string;
  keyRange?: { start: number; end: number };
  /** Text typed so far before the cursor in the key/value being edited. */
  prefix: string;
  /** Keys already present in the same mapping (the cursor's own key excluded). */
  siblings: string[];
}

type Token = { col: number; kind: "dash" } | { col: number; kind: "key"; text: string };

function tokens(info: LineInfo): Token[] {
  const t: Token[] = info.dashes.map((col) => ({ col, kind: "dash" as const }));
  if (info.key) t.push({ col: info.key.start, kind: "key", text: info.key.text });
  return t;
}

function isDocumentMarker(line: string): boolean {
  return /^(---|\.\.\.)(\s|$)/.test(line);
}

export function cursorContext(text: string, line: number, character: number): CursorContext {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? "";
  const info = lineInfo(current);
  let where: CursorContext["where"];
  let level: number;
  let key: string | undefined;
  let keyRange: CursorContext["keyRange"];
  let prefix = "";
  // Tokens of the cursor line left of the key/word being edited are its parents (e.g. the `- ` of an item).
  let ownLine: Token[] = info.dashes.map((col) => ({ col, kind: "dash" as const }));
  if (info.key && info.colon !== undefined && character >= info.colon) {
    where = "value";
    key = info.key.text;
    keyRange = { start: info.key.start, end: info.key.end };
    level = info.key.start;
    prefix = current.slice(info.colon, character).trimStart();
  } else if (info.content >= 0 && character >= info.content) {
    where = "key";
    level = info.content;
    const end = info.key ? info.key.end : Math.max(character, current.length);
    const word = current.slice(info.content, end).replace(/\s+$/, "");
    key = info.key ? info.key.text : word.replace(/:$/, "") || undefined;
    keyRange = { start: info.content, end: info.content + word.length };
    prefix = current.slice(info.content, character);
  } else {
    where = "blank";
    level = character;
    ownLine = info.dashes.filter((c) => c < character).map((col) => ({ col, kind: "dash" as const }));
  }

  const parent: (string | { index: number })[] = [];
  const siblings: string[] = [];
  let c = level;
  let atCursorLevel = true;
  const visit = (t: Token): void => {
    if (t.col > c) return;
    if (t.col === c) {
      if (atCursorLevel && t.kind === "key") siblings.push(t.text);
      if (t.kind === "dash") {
        const last = parent[parent.length - 1];
        if (last && typeof last === "object") last.index++;
      }
      return;
    }
    atCursorLevel = false;
    c = t.col;
    parent.push(t.kind === "key" ? t.text : { index: 0 });
  };
  for (const t of [...ownLine].reverse()) visit(t);
  for (let i = line - 1; i >= 0; i--) {
    if (c === 0 && !atCursorLevel) break;
    const l = lines[i]!;
    if (isDocumentMarker(l)) break;
    for (const t of tokens(lineInfo(l)).reverse()) visit(t);
  }
  // Siblings below the cursor, until the mapping ends.
  for (let i = line + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (isDocumentMarker(l)) break;
    const li = lineInfo(l);
    if (li.content < 0) continue;
    const first = li.dashes[0] ?? li.content;
    if (first < level) break;
    if (li.key && li.key.start === level) siblings.push(li.key.text);
    if (li.dashes.includes(level)) break; // the next sequence item is another mapping
  }
  return {
    parent: parent.reverse().map((s) => (typeof s === "string" ? s : String(s.index))),
    where,
    key,
    keyRange,
    prefix,
    siblings: [...new Set(siblings)].filter((s) => s !== key || where === "blank"),
  };
}
