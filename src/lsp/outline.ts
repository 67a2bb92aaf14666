// Outline (textDocument/documentSymbol: containers, resources, service ports) and folding ranges (every
// block mapping or list spanning lines), from a lenient parse of the buffer so both work while typing.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Pair } from "yaml";
import { SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver/node.js";

function parse(text: string): { doc: ReturnType<typeof parseDocument>; lc: LineCounter } | undefined {
  const lc = new LineCounter();
  try {
    return { doc: parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false }), lc };
  } catch {
    return undefined;
  }
}

export function documentSymbols(text: string): DocumentSymbol[] {
  const p = parse(text);
  if (!p || !isMap(p.doc.contents)) return [];
  const pos = (o: number) => {
    const { line, col } = p.lc.linePos(o);
    return { line: line - 1, character: col - 1 };
  };
  const symbol = (pair: Pair, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    const key = pair.key as Node | null;
    if (!isScalar(key) || !key.range) return undefined;
    const value = pair.value as Node | null;
    const end = value?.range ? value.range[1] : key.range[1];
    return {
      name: String(key.value),
      kind,
      ...(detail ? { detail } : {}),
      range: { start: pos(key.range[0]), end: pos(end) },
      selectionRange: { start: pos(key.range[0]), end: pos(key.range[1]) },
      ...(children ? { children } : {}),
    };
  };
  const entries = (node: unknown, kind: SymbolKind, detailOf: (v: unknown) => string | undefined): DocumentSymbol[] =>
    isMap(node) ? node.items.map((it) => symbol(it as Pair, kind, detailOf(it.value))).filter((s): s is DocumentSymbol => s !== undefined) : [];
  const field = (v: unknown, name: string): string | undefined => {
    if (!isMap(v)) return undefined;
    const f = v.get(name, true);
    return isScalar(f) ? String(f.value) : undefined;
  };
  const out: DocumentSymbol[] = [];
  for (const it of p.doc.contents.items) {
    const pair = it as Pair;
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    let s: DocumentSymbol | undefined;
    if (name === "containers") s = symbol(pair, SymbolKind.Namespace, undefined, entries(pair.value, SymbolKind.Class, (v) => field(v, "image")));
    else if (name === "resources") s = symbol(pair, SymbolKind.Namespace, undefined, entries(pair.value, SymbolKind.Object, (v) => field(v, "type")));
    else if (name === "service") {
      const ports = isMap(pair.value) ? pair.value.items.find((x) => isScalar(x.key) && String(x.key.value) === "ports") : undefined;
      const portSyms = ports ? entries(ports.value, SymbolKind.Number, (v) => field(v, "port")) : [];
      s = symbol(pair, SymbolKind.Namespace, undefined, portSyms);
    } else if (name === "metadata") s = symbol(pair, SymbolKind.Module, field(pair.value, "name"));
    else s = symbol(pair, SymbolKind.Field);
    if (s) out.push(s);
  }
  return out;
}

export function foldingRanges(text: string): FoldingRange[] {
  const p = parse(text);
  if (!p) return [];
  const out: FoldingRange[] = [];
  visit(p.doc, {
    Pair(_k, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range || !(isMap(value) || isSeq(value) || isScalar(value))) return;
      const start = p.lc.linePos(key.range[0]).line - 1;
      // The value's end offset is just past its last character (often the next line's start).
      const end = p.lc.linePos(Math.max(value.range[0], value.range[1] - 1)).line - 1;
      if (end > start) out.push({ startLine: start, endLine: end });
    },
  });
  return out.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
