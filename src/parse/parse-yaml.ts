// Bytes → SourceFile + plain JS values, one per YAML document. Every problem becomes one positioned
// diagnostic on the vfile; this function never throws on user input.
import type { VFile } from "vfile";
import { isAlias, isCollection, LineCounter, parseAllDocuments, visit, type Document, type Node } from "yaml";
import { report } from "../diagnostics/diagnostic.js";
import { DEFAULT_LIMITS, type ParseLimits } from "./limits.js";
import { SourceFile, type PositionedParse } from "./source-file.js";
import { parseYamlSubset, positionYamlSubset } from "./yaml-subset.js";

export interface ParsedDocument {
  index: number;
  /** The document as plain JS (maps → objects), or undefined when it could not be converted. */
  value: unknown;
}

export interface ParseResult {
  source?: SourceFile;
  documents: ParsedDocument[];
}

// ignoreBOM keeps a BOM in the text so that we can say so (the default would drop it silently).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decode strictly; on invalid UTF-8, report where the first bad byte is. */
function decode(file: VFile, bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const lines = before.split("\n");
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    report(file, `file is not valid UTF-8 (invalid byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte ${bad})`, {
      ruleId: "yaml/invalid-utf8",
      source: "yaml",
      severity: "error",
      range: { start: { line, column }, end: { line, column: column + 1 } },
    });
    return undefined;
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates (ED A0..BF) and code points past U+10FFFF are invalid too.
    const second = b[i + 1]!;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second >= 0xa0) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second >= 0x90)) return i;
    i += n + 1;
  }
  return i;
}

const RULE_BY_YAML_CODE: Record<string, string> = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  TAB_AS_INDENT: "yaml/tab-indent",
  BAD_INDENT: "yaml/bad-indent",
};

export interface ParseOptions {
  /** What each document's root must be: a mapping (Score files, the default) or a list (provisioner files). */
  root?: "mapping" | "list";
  /** What the file holds, for messages. */
  what?: string;
}

export function parseYaml(file: VFile, input: Uint8Array | string, limits: ParseLimits = DEFAULT_LIMITS, opts: ParseOptions = {}): ParseResult {
  const wantList = opts.root === "list";
  const what = opts.what ?? (wantList ? "provisioner file" : "Score workload");
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > limits.maxFileSize) {
    report(file, `file is ${size} bytes, over the ${limits.maxFileSize}-byte limit (raise it with --max-file-size)`, {
      ruleId: "yaml/file-too-large",
      source: "yaml",
      severity: "error",
    });
    return { documents: [] };
  }
  let text = typeof input === "string" ? input : decode(file, input);
  if (text === undefined) return { documents: [] };
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    report(file, "file starts with a byte order mark (BOM); save it as UTF-8 without BOM", {
      ruleId: "yaml/bom",
      source: "yaml",
      severity: "warning",
    });
  }

  // Most files are plain block YAML: read them without building a syntax tree, which is most of the time
  // and memory a large project costs. A finding that needs a position reads the text again with the
  // subset reader, recording where its nodes are (SourceFile); no syntax tree is built for it.
  const fast = readPlain(text, wantList, limits.maxDepth);
  if (fast) {
    const index = () => positionYamlSubset(text, { uniqueKeys: true });
    return { source: new SourceFile(file.path || "-", text, () => parsePositioned(text), index), documents: [{ index: 0, value: fast.value }] };
  }

  let lineCounter: LineCounter;
  let docs: Document.Parsed[];
  try {
    ({ lineCounter, documents: docs } = parsePositioned(text));
  } catch (e) {
    // The parser recurses on nesting: an absurdly deep file can overflow the stack.
    report(file, `file could not be parsed: ${e instanceof RangeError ? "nesting too deep" : String(e)}`, {
      ruleId: "yaml/too-deep",
      source: "yaml",
      severity: "error",
    });
    return { documents: [] };
  }
  const source = new SourceFile(file.path || "-", text, { lineCounter, documents: docs });

  if (docs.length === 0 || docs.every((d) => d.contents === null && d.errors.length === 0)) {
    report(file, wantList ? `file is empty: expected a ${what} (a list)` : "file is empty: expected a Score workload (a mapping with apiVersion, metadata and containers)", {
      ruleId: "yaml/empty",
      source: "yaml",
      severity: "error",
    });
    return { source, documents: [] };
  }

  const documents: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    let ok = true;
    for (const err of doc.errors) {
      ok = false;
      let message = cleanYamlMessage(err.message);
      let range = source.rangeOf(err.pos[0], err.pos[1]);
      if (/Maximum call stack size exceeded/.test(err.message)) {
        // The yaml composer recurses per level: an absurdly deep flow collection overflows it.
        report(file, `too deeply nested: more than ${limits.maxDepth} levels of mappings/sequences`, { ruleId: "yaml/too-deep", source: "yaml", severity: "error", range });
        continue;
      }
      const quote = /Missing closing (["'])quote/.exec(err.message)?.[1];
      if (quote) {
        // yaml reports an unterminated quoted scalar at the end of the file; the opening quote is the news.
        const open = text.lastIndexOf(quote, err.pos[0] - 1);
        if (open >= 0) {
          message = `unterminated ${quote === '"' ? "double" : "single"}-quoted string (missing closing ${quote})`;
          range = source.rangeOf(open, open + 1);
        }
      } else if (err.code === "DUPLICATE_KEY") {
        // yaml points at the key's first character; underline the whole key and name it.
        const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:#\n]*?)\s*:/.exec(text.slice(err.pos[0]))?.[1];
        if (key) {
          message = `duplicate key ${JSON.stringify(key.replace(/^["']|["']$/g, ""))}: keys must be unique in a mapping`;
          range = source.rangeOf(err.pos[0], err.pos[0] + key.length);
        }
      }
      report(file, message, {
        ruleId: RULE_BY_YAML_CODE[err.code] ?? "yaml/syntax",
        source: "yaml",
        severity: "error",
        range,
      });
    }
    for (const w of doc.warnings) {
      report(file, cleanYamlMessage(w.message), {
        ruleId: "yaml/warning",
        source: "yaml",
        severity: "warning",
        range: source.rangeOf(w.pos[0], w.pos[1]),
      });
    }
    if (!ok) return documents.push({ index, value: undefined });
    const contents = doc.contents as Node | null;
    if (contents === null) return; // an empty document between separators is not a workload
    const deep = tooDeep(doc, limits.maxDepth);
    if (deep) {
      report(file, `nesting deeper than ${limits.maxDepth} levels`, {
        ruleId: "yaml/too-deep",
        source: "yaml",
        severity: "error",
        range: source.nodeRange(deep),
      });
      return documents.push({ index, value: undefined });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      const alias = firstAlias(doc);
      report(file, `too many alias expansions (more than ${limits.maxAliasCount}): refusing a possible alias bomb`, {
        ruleId: "yaml/alias-limit",
        source: "yaml",
        severity: "error",
        range: alias ? source.nodeRange(alias) : source.firstLine(),
      });
      void e;
      return documents.push({ index, value: undefined });
    }
    const rootOk = wantList ? Array.isArray(value) : value !== null && typeof value === "object" && !Array.isArray(value);
    if (!rootOk) {
      report(file, `a ${what} must be ${wantList ? "a list" : "a mapping"}, found ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value === "object" ? "a mapping" : `a ${typeof value}`}`, {
        ruleId: "yaml/root-not-mapping",
        source: "yaml",
        severity: "error",
        range: source.lineAt(contents.range?.[0] ?? 0),
      });
      return documents.push({ index, value: undefined });
    }
    documents.push({ index, value });
  });
  return { source, documents };
}

/** YAML 1.2 core schema; duplicate keys are errors (uniqueKeys), positions kept by the LineCounter. */
function parsePositioned(text: string): PositionedParse {
  const lineCounter = new LineCounter();
  // logLevel "error": the library's own warnings (a collection used as a key) would go to
  // process.emitWarning, i.e. a bare "(node:PID) Warning" on stderr; the schema reports such keys instead.
  const docs = parseAllDocuments(text, { lineCounter, schema: "core", uniqueKeys: true, prettyErrors: false, logLevel: "error" }) as Document.Parsed[];
  return { lineCounter, documents: Array.isArray(docs) ? docs : [] };
}

/**
 * The value of a file the library would read as one document without errors or warnings, with the right
 * root and within the depth limit; undefined for anything else (then the library reads it and says what
 * is wrong). The subset reader declines every construct it does not know, and duplicate keys.
 */
function readPlain(text: string, wantList: boolean, maxDepth: number): { value: unknown } | undefined {
  let read: { value: unknown } | undefined;
  try {
    read = parseYamlSubset(text, { uniqueKeys: true });
  } catch {
    return undefined; // e.g. the stack on absurd nesting: the library's path reports it
  }
  if (!read) return undefined;
  const v = read.value;
  const rootOk = wantList ? Array.isArray(v) : v !== null && typeof v === "object" && !Array.isArray(v);
  return rootOk && !deeperThan(v, maxDepth) ? read : undefined;
}

/** Collections nested more than `max` levels (the root collection is level 1, as tooDeep counts). */
function deeperThan(v: unknown, max: number): boolean {
  if (v === null || typeof v !== "object") return false;
  if (max <= 0) return true;
  for (const child of Array.isArray(v) ? v : Object.values(v)) if (deeperThan(child, max - 1)) return true;
  return false;
}

/** The yaml library appends a code frame of its own; we print ours, so keep the first line only. */
function cleanYamlMessage(message: string): string {
  const first = message.split("\n")[0]!.trim();
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

function tooDeep(doc: Document.Parsed, max: number): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (found) return visit.BREAK;
      // path holds the document, then alternating collections and pairs.
      if (isCollection(node)) {
        const depth = path.filter((p) => isCollection(p)).length + 1;
        if (depth > max) {
          found = node;
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_k, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found && isAlias(found) ? found : undefined;
}
