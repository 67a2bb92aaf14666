/**
 * Recursive-descent parser producing the tree in ast.ts. Performs the same
 * parse-time checks as Go: undefined variables, unknown functions, misplaced
 * {{else}}/{{end}}/{{break}}, and malformed pipelines.
 */
import type {
  ArgNode, CommandNode, Node, NumberNode, PipeNode,
} from "./ast.js";
import { lex, LexError, type Token, type TokKind } from "./lexer.js";
import { parseGoString, parseGoChar } from "./strings-go.js";

export class ParseFault extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

export interface ParseResult {
  root: Node[];
  defines: Map<string, Node[]>;
}

type Stop = "end" | "else" | "eof";

export function parse(text: string, hasFunc: (name: string) => boolean): ParseResult {
  let toks: Token[];
  try {
    toks = lex(text);
  } catch (e) {
    if (e instanceof LexError) throw new ParseFault(e.message, e.pos);
    throw e;
  }
  return new Parser(toks, hasFunc).parseTop();
}

class Parser {
  private i = 0;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  readonly defines = new Map<string, Node[]>();

  constructor(private readonly toks: Token[], private readonly hasFunc: (n: string) => boolean) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    return this.toks[this.i++]!;
  }
  /** Next token, skipping a space token. */
  private nextNonSpace(): Token {
    let t = this.next();
    if (t.kind === "space") t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private fail(msg: string, t: Token): never {
    throw new ParseFault(msg, t.pos);
  }
  private unexpected(t: Token, context: string): never {
    if (t.kind === "eof") this.fail(`unexpected EOF in ${context}`, t);
    const shown = t.kind === "right" ? "}}" : t.val;
    this.fail(`unexpected ${JSON.stringify(shown)} in ${context}`, t);
  }
  private expect(kind: TokKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  parseTop(): ParseResult {
    const root: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof") break;
      if (t.kind === "left") {
        const save = this.i;
        this.next();
        const k = this.peekNonSpace();
        if (k.kind === "keyword" && k.val === "define") {
          this.nextNonSpace();
          this.parseDefine(t);
          continue;
        }
        this.i = save;
      }
      const { node, stop, tok } = this.textOrAction();
      if (stop !== null) this.fail(`unexpected ${stop === "end" ? "{{end}}" : "{{else}}"}`, tok);
      if (node) root.push(node);
    }
    return { root, defines: this.defines };
  }

  private parseDefine(at: Token): void {
    const nameTok = this.nextNonSpace();
    if (nameTok.kind !== "string" && nameTok.kind !== "rawString") this.unexpected(nameTok, "define clause");
    const name = this.stringValue(nameTok);
    this.expect("right", "define clause");
    const savedVars = this.vars;
    this.vars = ["$"];
    const { list, stop, tok } = this.itemList();
    this.vars = savedVars;
    if (stop !== "end") this.unexpected(tok, "define clause");
    this.addDefine(name, list, at);
  }

  private addDefine(name: string, list: Node[], at: Token): void {
    const existing = this.defines.get(name);
    // Go allows redefinition only when one of the two bodies is empty.
    if (existing && !isEmptyTree(existing) && !isEmptyTree(list)) {
      this.fail(`template: multiple definition of template "${name}"`, at);
    }
    if (!existing || !isEmptyTree(list)) this.defines.set(name, list);
  }

  /** Parses a list until {{end}}, {{else}} or EOF. */
  private itemList(): { list: Node[]; stop: Stop; tok: Token } {
    const list: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof") return { list, stop: "eof", tok: t };
      const r = this.textOrAction();
      if (r.stop !== null) return { list, stop: r.stop, tok: r.tok };
      if (r.node) list.push(r.node);
    }
  }

  private textOrAction(): { node: Node | null; stop: Stop | null; tok: Token } {
    const t = this.next();
    switch (t.kind) {
      case "text":
        return { node: { type: "text", pos: t.pos, text: t.val }, stop: null, tok: t };
      case "comment":
        return { node: null, stop: null, tok: t };
      case "left":
        return this.action(t);
      default:
        this.unexpected(t, "input");
    }
  }

  private action(left: Token): { node: Node | null; stop: Stop | null; tok: Token } {
    const t = this.peekNonSpace();
    if (t.kind === "keyword") {
      this.nextNonSpace();
      switch (t.val) {
        case "end":
          this.expect("right", "end");
          return { node: null, stop: "end", tok: t };
        case "else":
          // "else if"/"else with": the keyword is left pending for the enclosing control.
          {
            const nx = this.peekNonSpace();
            if (nx.kind === "right") this.nextNonSpace();
            else if (!(nx.kind === "keyword" && (nx.val === "if" || nx.val === "with"))) this.unexpected(nx, "else");
          }
          return { node: null, stop: "else", tok: t };
        case "if":
        case "with":
        case "range":
          return { node: this.control(t.val, t), stop: null, tok: t };
        case "template":
          return { node: this.templateCall(t), stop: null, tok: t };
        case "block":
          return { node: this.block(t), stop: null, tok: t };
        case "break":
        case "continue":
          if (this.rangeDepth === 0) this.fail(`{{${t.val}}} outside {{range}}`, t);
          this.expect("right", t.val);
          return { node: { type: t.val, pos: t.pos }, stop: null, tok: t };
        case "define":
          this.fail("unexpected <define> in command", t);
      }
    }
    const pipe = this.pipeline("command", "right");
    return { node: { type: "action", pos: left.pos, pipe }, stop: null, tok: left };
  }

  private control(kind: "if" | "with" | "range", at: Token): Node {
    const varMark = this.vars.length;
    const pipe = this.pipeline(kind, "right");
    if (kind === "range") this.rangeDepth++;
    let { list, stop, tok } = this.itemList();
    if (kind === "range") this.rangeDepth--;
    let elseList: Node[] | null = null;
    if (stop === "else") {
      const nxt = this.peekNonSpace();
      if ((kind === "if" && nxt.kind === "keyword" && nxt.val === "if") ||
          (kind === "with" && nxt.kind === "keyword" && nxt.val === "with")) {
        // {{else if …}} is sugar for {{else}}{{if …}}…{{end}}{{end}}: the nested
        // control consumes the shared {{end}}.
        this.nextNonSpace();
        elseList = [this.control(kind, nxt)];
        stop = "end";
      } else {
        // Go reads a pending "if"/"with" after a non-matching else (e.g. in range) as
        // {{else}}{{if …}}: a nested control needing its own {{end}}.
        const lead: Node[] = [];
        if (nxt.kind === "keyword" && (nxt.val === "if" || nxt.val === "with")) {
          this.nextNonSpace();
          lead.push(this.control(nxt.val, nxt));
        }
        const r = this.itemList();
        elseList = [...lead, ...r.list];
        if (r.stop === "else") this.fail("expected end; found {{else}}", r.tok);
        stop = r.stop;
        tok = r.tok;
      }
    }
    if (stop !== "end") this.unexpected(tok, kind);
    this.vars.length = varMark;
    return { type: kind, pos: at.pos, pipe, list, elseList };
  }

  private templateCall(at: Token): Node {
    const nameTok = this.nextNonSpace();
    if (nameTok.kind !== "string" && nameTok.kind !== "rawString") this.unexpected(nameTok, "template clause");
    const name = this.stringValue(nameTok);
    let pipe: PipeNode | null = null;
    if (this.peekNonSpace().kind !== "right") pipe = this.pipeline("template", "right");
    else this.nextNonSpace();
    return { type: "template", pos: at.pos, name, pipe };
  }

  private block(at: Token): Node {
    const nameTok = this.nextNonSpace();
    if (nameTok.kind !== "string" && nameTok.kind !== "rawString") this.unexpected(nameTok, "block clause");
    const name = this.stringValue(nameTok);
    const pipe = this.pipeline("block", "right");
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ["$"];
    this.rangeDepth = 0; // a block body is a separate template: no enclosing range
    const { list, stop, tok } = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    if (stop !== "end") this.unexpected(tok, "block clause");
    this.addDefine(name, list, at);
    return { type: "template", pos: at.pos, name, pipe };
  }

  private stringValue(t: Token): string {
    try {
      return t.kind === "rawString" ? t.val.slice(1, -1) : parseGoString(t.val);
    } catch (e) {
      this.fail((e as Error).message, t);
    }
  }

  /** pipeline := [decl] command { '|' command }, ended by `end` token kind. */
  private pipeline(context: string, end: "right" | "rparen"): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: "pipe", pos: start.pos, isAssign: false, decl: [], cmds: [] };
    // Declarations: `$x :=`, `$x =`, or (range only) `$i, $e :=`.
    const save = this.i;
    const v1 = this.nextNonSpace();
    let declared = false;
    if (v1.kind === "variable") {
      const op = this.nextNonSpace();
      if (op.kind === "declare" || op.kind === "assign") {
        pipe.isAssign = op.kind === "assign";
        pipe.decl.push({ type: "variable", pos: v1.pos, ident: [v1.val] });
        declared = true;
      } else if (op.kind === "comma") {
        if (context !== "range") this.fail(`too many declarations in ${context}`, op);
        const v2 = this.nextNonSpace();
        if (v2.kind !== "variable") this.fail("range can only initialize variables", v2);
        const op2 = this.nextNonSpace();
        if (op2.kind !== "declare" && op2.kind !== "assign") {
          if (op2.kind === "comma") this.fail(`too many declarations in ${context}`, op2);
          this.fail(`missing := after declarations in ${context}`, op2);
        }
        pipe.isAssign = op2.kind === "assign";
        pipe.decl.push({ type: "variable", pos: v1.pos, ident: [v1.val] });
        pipe.decl.push({ type: "variable", pos: v2.pos, ident: [v2.val] });
        declared = true;
      }
    }
    if (!declared) this.i = save;

    for (;;) {
      const t = this.peekNonSpace();
      if (t.kind === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t);
        break;
      }
      pipe.cmds.push(this.command(end));
    }
    // Declared names become visible only after the whole pipeline, as in Go.
    for (const d of pipe.decl) this.vars.push(d.ident[0]!);
    // Go: later pipeline stages must be executable (not constants).
    pipe.cmds.forEach((c, idx) => {
      if (idx === 0) return;
      const a = c.args[0]!;
      if (["bool", "dot", "nil", "number", "string"].includes(a.type)) {
        throw new ParseFault(`non executable command in pipeline stage ${idx + 1}`, a.pos);
      }
    });
    return pipe;
  }

  private useVar(t: Token): void {
    if (!this.vars.includes(t.val)) this.fail(`undefined variable ${JSON.stringify(t.val)}`, t);
  }

  private command(end: "right" | "rparen"): CommandNode {
    const first = this.peekNonSpace();
    const cmd: CommandNode = { type: "command", pos: first.pos, args: [] };
    for (;;) {
      if (this.peek().kind === "space") this.next();
      const op = this.operand();
      if (!op) {
        const t = this.peek();
        if (t.kind === end || t.kind === "pipe") break;
        this.unexpected(t, "operand");
      }
      cmd.args.push(op);
      const t = this.peek();
      if (t.kind === "space") continue;
      if (t.kind === end || t.kind === "pipe") break;
      this.unexpected(t, "operand");
    }
    if (cmd.args.length === 0) this.fail("empty command", first);
    if (this.peek().kind === "pipe") {
      this.next();
      const after = this.peekNonSpace();
      if (after.kind === end) this.fail("missing command after |", after);
    }
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().kind !== "field") return node;
    const fields: string[] = [];
    while (this.peek().kind === "field") fields.push(this.next().val.slice(1));
    switch (node.type) {
      case "field":
        return { type: "field", pos: node.pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { type: "variable", pos: node.pos, ident: [...node.ident, ...fields] };
      case "bool": case "string": case "number": case "nil": case "dot":
        throw new ParseFault(`unexpected . after term ${JSON.stringify(nodeText(node))}`, node.pos);
      default:
        return { type: "chain", pos: node.pos, node, field: fields };
    }
  }

  private term(): ArgNode | null {
    const t = this.next();
    switch (t.kind) {
      case "identifier":
        if (!this.hasFunc(t.val)) this.fail(`function ${JSON.stringify(t.val)} not defined`, t);
        return { type: "identifier", pos: t.pos, ident: t.val };
      case "dot":
        return { type: "dot", pos: t.pos };
      case "nil":
        return { type: "nil", pos: t.pos };
      case "variable":
        this.useVar(t);
        return { type: "variable", pos: t.pos, ident: [t.val] };
      case "field":
        return { type: "field", pos: t.pos, ident: [t.val.slice(1)] };
      case "bool":
        return { type: "bool", pos: t.pos, val: t.val === "true" };
      case "char":
      case "number":
        return this.number(t);
      case "lparen": {
        const p = this.pipeline("parenthesized pipeline", "rparen");
        return p;
      }
      case "string":
      case "rawString":
        return { type: "string", pos: t.pos, quoted: t.val, text: this.stringValue(t) };
      default:
        this.i--;
        return null;
    }
  }

  private number(t: Token): NumberNode {
    if (t.kind === "char") {
      let cp: number;
      try {
        cp = parseGoChar(t.val);
      } catch (e) {
        this.fail((e as Error).message, t);
      }
      return { type: "number", pos: t.pos, text: t.val, isInt: true, isFloat: true, int: BigInt(cp), float: cp };
    }
    const n = parseNumber(t.val);
    if (!n) this.fail(`illegal number syntax: ${JSON.stringify(t.val)}`, t);
    return { type: "number", pos: t.pos, text: t.val, ...n };
  }
}

function nodeText(n: ArgNode): string {
  switch (n.type) {
    case "bool": return String(n.val);
    case "string": return n.quoted;
    case "number": return n.text;
    case "nil": return "nil";
    default: return ".";
  }
}

function isEmptyTree(list: Node[]): boolean {
  return list.every((n) => n.type === "text" && n.text.trim() === "");
}

/** Go's number literal rules (strconv.ParseInt base 0 / ParseFloat). */
export function parseNumber(text: string): { isInt: boolean; isFloat: boolean; int: bigint | null; float: number } | null {
  if (/i$/.test(text)) return null; // complex numbers are not supported
  const clean = text.replace(/_/g, "");
  const neg = clean.startsWith("-");
  const body = clean.replace(/^[+-]/, "");
  const intRe = /^(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
  if (intRe.test(body)) {
    let v: bigint;
    if (/^0[oO]/.test(body)) v = BigInt("0o" + body.slice(2));
    else if (/^0[0-7]+$/.test(body)) v = BigInt("0o" + body.slice(1));
    else v = BigInt(body.toLowerCase());
    if (neg) v = -v;
    return { isInt: true, isFloat: true, int: v, float: Number(v) };
  }
  if (/^0[xX]/.test(body)) {
    // Hex float: 0x1.8p3
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
    if (!m) return null;
    const mant = parseInt((m[1] || "0") + (m[2] || ""), 16) / Math.pow(16, (m[2] || "").length);
    const f = mant * Math.pow(2, Number(m[3]));
    return floatNumber(neg ? -f : f);
  }
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) return null;
  const f = Number(clean);
  if (!Number.isFinite(f)) return null;
  return floatNumber(f);
}

function floatNumber(f: number): { isInt: boolean; isFloat: boolean; int: bigint | null; float: number } {
  // Like Go, a float literal with an integral value is usable as an int too.
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) return { isInt: true, isFloat: true, int: BigInt(f), float: f };
  return { isInt: false, isFloat: true, int: null, float: f };
}
