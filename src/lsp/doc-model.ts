// A lenient read of the buffer itself (it may not validate, or even parse cleanly): the raw workload and
// the ranges of keys, for features that must work while the user is typing.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import type { Range } from "vscode-languageserver/node.js";

export interface DocModel {
  raw: Record<string, unknown>;
  /** Range of a key at a path of keys, or undefined. */
  keyRange(path: readonly string[]): Range | undefined;
}

export function docModel(text: string): DocModel {
  const lc = new LineCounter();
  let doc: ReturnType<typeof parseDocument> | undefined;
  let raw: Record<string, unknown> = {};
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
    const js = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (js && typeof js === "object" && !Array.isArray(js)) raw = js as Record<string, unknown>;
  } catch {
    // a buffer that does not parse has no model; features fall back to the last analysis
  }
  const pos = (offset: number) => {
    const { line, col } = lc.linePos(offset);
    return { line: line - 1, character: col - 1 };
  };
  return {
    raw,
    keyRange(path) {
      let node = doc?.contents as Node | null | undefined;
      let keyNode: Node | undefined;
      for (const seg of path) {
        if (!isMap(node)) return undefined;
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) return undefined;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
      }
      if (!keyNode?.range) return undefined;
      return { start: pos(keyNode.range[0]), end: pos(keyNode.range[1]) };
    },
  };
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
