// Recursive-descent parser for Rego modules and queries (v1 syntax; v0 accepted when asked for).
import type { Expr, ImportAst, ModuleAst, RuleAst, Term, With, ElseClause } from "./ast.js";
import { RegoError, type Location } from "./errors.js";
import { lex, type Comment, type Token } from "./lexer.js";
import { attachAnnotations } from "./annotations.js";
import type { Value } from "./value.js";

// Infix operators → OPA builtin names, grouped from lowest to highest precedence.
const REL: Record<string, string> = { "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" };
const OR: Record<string, string> = { "|": "or" };
const AND: Record<string, string> = { "&": "and" };
const ADD: Record<string, string> = { "+": "plus", "-": "minus" };
const MUL: Record<string, string> = { "*": "mul", "/": "div", "%": "rem" };
const LEVELS = [OR, AND, ADD, MUL];
const INFIX = new Set([...Object.values(REL), ...Object.values(OR), ...Object.values(AND), ...Object.values(ADD), ...Object.values(MUL)]);

const KEYWORDS = new Set(["package", "import", "default", "if", "else", "contains", "some", "in", "every", "not", "with", "as"]);

/**
 * How deep terms may nest (parentheses, arrays, objects, calls, comprehensions, and each operator of a
 * chain like `1 + 1 + …`). Parsing, compiling and evaluating recurse over the tree; past this depth a
 * positioned "too deeply nested" error beats a JavaScript stack overflow. Real policies stay far below.
 */
export const MAX_TERM_NESTING = 256;

/** The nesting limit is final: backtracking (array or comprehension? body or literal?) must not retry past it. */
class NestingError extends RegoError {}

function rethrowNesting(e: unknown): void {
  if (e instanceof NestingError) throw e;
}

export class Parser {
  private p = 0;
  /** Current term nesting, for MAX_TERM_NESTING. */
  private depth = 0;
  private toks: Token[];
  readonly comments: Comment[];
  /** keywords `in`, `every`, `contains`, `if` are reserved (v1, rego.v1 or future.keywords import) */
  private v1: boolean;
  private futureKw = new Set<string>();
  private sawRegoV1 = false;
  private sawFuture = false;

  constructor(
    src: string,
    readonly file: string,
    regoVersion: 0 | 1,
  ) {
    const { tokens, comments } = lex(src, file);
    this.toks = tokens;
    this.comments = comments;
    this.v1 = regoVersion === 1;
  }

  // ---- token helpers ----
  private peek(o = 0): Token {
    return this.toks[Math.min(this.p + o, this.toks.length - 1)]!;
  }
  private next(): Token {
    return this.toks[this.p++]!;
  }
  private is(text: string, o = 0): boolean {
    const t = this.peek(o);
    return (t.kind === "punct" || t.kind === "ident") && t.text === text;
  }
  private kw(word: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === "ident" && t.text === word && this.keywordOn(word);
  }
  private keywordOn(word: string): boolean {
    if (word === "in" || word === "every" || word === "contains" || word === "if") return this.v1 || this.futureKw.has(word);
    return true;
  }
  private loc(t: Token = this.peek()): Location {
    return { file: this.file, row: t.row, col: t.col };
  }
  err(msg: string, t: Token = this.peek()): never {
    throw new RegoError("rego_parse_error", msg, this.loc(t));
  }
  private expect(text: string): Token {
    if (!this.is(text)) this.err(`unexpected ${this.describe(this.peek())} token: expected ${text}`);
    return this.next();
  }
  private describe(t: Token): string {
    if (t.kind === "eof") return "eof";
    if (t.kind === "string" || t.kind === "template") return "string";
    if (t.kind === "number") return "number";
    if (t.kind === "ident") return KEYWORDS.has(t.text) ? t.text + " keyword" : "ident";
    return `${t.text}`;
  }

  // ---- module ----
  parseModule(): ModuleAst {
    if (!this.is("package")) this.err("package expected");
    const pkgTok = this.next();
    const pkgRef = this.parseRefOnly();
    const pkg: Value[] = [];
    if (pkgRef.t === "var") pkg.push(pkgRef.name);
    else if (pkgRef.t === "ref" && pkgRef.head.t === "var") {
      pkg.push(pkgRef.head.name);
      for (const s of pkgRef.path) {
        if (s.t !== "scalar" || typeof s.v !== "string") this.err("package path must be a ref of strings", pkgTok);
        pkg.push(s.v);
      }
    } else this.err("invalid package name", pkgTok);
    if (pkg[0] === "data") pkg.shift();
    const mod: ModuleAst = {
      file: this.file,
      pkg,
      pkgLoc: this.loc(pkgTok),
      imports: [],
      rules: [],
      regoVersion: this.v1 ? 1 : 0,
      annotations: [],
    };
    while (this.is("import")) mod.imports.push(this.parseImport());
    while (this.peek().kind !== "eof") {
      // OPA accepts imports anywhere after the package clause, also between rules.
      if (this.is("import")) mod.imports.push(this.parseImport());
      else for (const r of this.parseRules()) mod.rules.push(r);
    }
    mod.regoVersion = this.v1 ? 1 : 0;
    attachAnnotations(mod, this.comments);
    return mod;
  }

  private parseImport(): ImportAst {
    const t = this.next();
    const path = this.parseRefOnly();
    const segs = refStrings(path);
    if (!segs || !["data", "input", "future", "rego"].includes(segs[0]!)) this.err("invalid import path", t);
    if (segs[0] === "rego") {
      if (segs.join(".") !== "rego.v1") this.err("invalid import, must be rego.v1", t);
      if (this.sawRegoV1) this.err("import rego.v1 shadows previous import (this import shadows previous import)", t);
      if (this.sawFuture) this.err("the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive (this import shadows previous import)", t);
      this.sawRegoV1 = true;
      this.v1 = true;
    }
    if (segs[0] === "future") {
      if (this.sawRegoV1) this.err("the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive (this import shadows previous import)", t);
      this.sawFuture = true;
      if (segs[1] !== "keywords") this.err("invalid import, must be future.keywords", t);
      for (const w of segs.length > 2 ? [segs[2]!] : ["in", "every", "contains", "if"]) this.futureKw.add(w);
    }
    let alias: string | undefined;
    if (this.is("as")) {
      this.next();
      const a = this.next();
      if (a.kind !== "ident") this.err("expected alias name", a);
      alias = a.text;
    }
    return { path, alias, loc: this.loc(t) };
  }

  /** A dotted/bracketed ref made only of a var head and constant path parts (package and import paths). */
  private parseRefOnly(): Term {
    const t = this.next();
    if (t.kind !== "ident") this.err(`unexpected ${this.describe(t)} token`, t);
    const head: Term = { t: "var", name: t.text, loc: this.loc(t) };
    const path: Term[] = [];
    for (;;) {
      if (this.is(".") && !this.peek().nl) {
        this.next();
        const s = this.next();
        if (s.kind !== "ident") this.err("expected ident", s);
        path.push({ t: "scalar", v: s.text, loc: this.loc(s) });
      } else if (this.is("[") && !this.peek().nl) {
        this.next();
        const s = this.next();
        if (s.kind !== "string") this.err("expected string", s);
        path.push({ t: "scalar", v: s.text, loc: this.loc(s) });
        this.expect("]");
      } else break;
    }
    return path.length ? { t: "ref", head, path, loc: head.loc } : head;
  }

  // ---- rules ----
  private parseRules(): RuleAst[] {
    const start = this.peek();
    const isDefault = this.is("default");
    if (isDefault) this.next();
    const nameTok = this.peek();
    if (nameTok.kind !== "ident" || (KEYWORDS.has(nameTok.text) && nameTok.text !== "contains"))
      this.err(`unexpected ${this.describe(nameTok)} token`);
    const headTerm = this.parseRefOnlyDynamic();
    const ref: Term[] = headTerm.t === "ref" ? [headTerm.head, ...headTerm.path] : [headTerm];
    const rule: RuleAst = {
      isDefault,
      ref,
      assign: false,
      body: [],
      elses: [],
      loc: this.loc(start),
      annotations: [],
    };
    if (this.is("(") && !this.peek().nl) {
      this.next();
      rule.args = [];
      if (!this.is(")")) {
        for (;;) {
          rule.args.push(this.parseExprTerm());
          if (this.is(",")) {
            this.next();
            continue;
          }
          break;
        }
      }
      this.expect(")");
    }
    // After a rule head, `contains`/`if` can only be keywords (also accepted in v0 without the import).
    if (this.is("contains")) {
      this.next();
      rule.key = this.parseExprTerm();
    } else if (this.is(":=") || this.is("=")) {
      rule.assign = this.next().text === ":=";
      rule.value = this.parseExprTerm();
    }
    if (isDefault) {
      if (!rule.value) this.err("default rules must have a value assigned", start);
      return [rule];
    }
    // Body
    let hasIf = false;
    if (this.is("if")) {
      this.next();
      hasIf = true;
    }
    if (this.is("{") && hasIf) {
      // `if {` starts a body, unless it is a single literal such as a set/object comprehension.
      const save = this.p;
      let compr: Term | undefined;
      try {
        const t = this.parseTerm();
        if ((t.t === "scompr" || t.t === "ocompr") && (this.peek().nl || this.peek().kind === "eof")) compr = t;
      } catch (err) {
        rethrowNesting(err);
        compr = undefined;
      }
      if (compr) {
        rule.body = [{ kind: { k: "term", term: compr }, negated: false, with: [], loc: compr.loc }];
      } else
      try {
        this.p = save;
        this.next();
        rule.body = this.parseBody("}");
        this.expect("}");
      } catch (e) {
        rethrowNesting(e);
        this.p = save;
        try {
          rule.body = [this.parseLiteral()];
        } catch (err) {
          rethrowNesting(err);
          throw e;
        }
      }
    } else if (this.is("{")) {
      this.next();
      rule.body = this.parseBody("}");
      this.expect("}");
    } else if (hasIf) {
      rule.body = [this.parseLiteral()];
    } else {
      // No body: a constant rule (`p := 1`, `p contains 1`) or v0 `p[x]` partial set with empty body
      if (!rule.value && !rule.key) {
        if (rule.ref.length > 1 && !rule.args) {
          // v0: `p[x]` is a partial set element with an empty body
          if (!this.v1) {
            rule.key = rule.ref.pop();
          } else this.err("rule must have a body or assignment; `contains` keyword is required for partial set rules", start);
        } else if (this.v1 && !rule.args) this.err(`rule must have a body, value or contains`, start);
        else rule.value = { t: "scalar", v: true, loc: rule.loc };
      }
      rule.body = [];
    }
    if (this.v1 && rule.body.length > 0 && !hasIf) this.err("`if` keyword is required before rule body", start);
    // v0: `p[x] { ... }` with no value means partial set
    if (!rule.value && !rule.key) {
      if (!this.v1 && rule.ref.length > 1 && !rule.args && !hasIf) rule.key = rule.ref.pop();
      else rule.value = { t: "scalar", v: true, loc: rule.loc };
    }
    // else chains
    while (this.is("else")) {
      const et = this.next();
      const e: ElseClause = { body: [], loc: this.loc(et) };
      if (this.is(":=") || this.is("=")) {
        this.next();
        e.value = this.parseExprTerm();
      }
      let eif = false;
      if (this.is("if")) {
        this.next();
        eif = true;
      }
      if (this.is("{")) {
        if (this.v1 && !eif) this.err("`if` keyword is required before rule body", et);
        this.next();
        e.body = this.parseBody("}");
        this.expect("}");
      } else if (eif) e.body = [this.parseLiteral()];
      rule.elses.push(e);
    }
    const out = [rule];
    // v0 allows chained bodies `p { a } { b }` meaning two rules; support cheaply
    while (this.is("{")) {
      this.next();
      const body = this.parseBody("}");
      this.expect("}");
      out.push({ ...rule, body, elses: [] });
    }
    return out;
  }

  /** A rule head ref: `a.b[x]["c"]` with arbitrary terms in brackets. */
  private parseRefOnlyDynamic(): Term {
    const t = this.next();
    const head: Term = { t: "var", name: t.text, loc: this.loc(t) };
    const path: Term[] = [];
    for (;;) {
      if (this.is(".") && !this.peek().nl) {
        this.next();
        const s = this.next();
        if (s.kind !== "ident") this.err("expected ident", s);
        path.push({ t: "scalar", v: s.text, loc: this.loc(s) });
      } else if (this.is("[") && !this.peek().nl) {
        this.next();
        path.push(this.parseExprTerm());
        this.expect("]");
      } else break;
    }
    return path.length ? { t: "ref", head, path, loc: head.loc } : head;
  }

  // ---- bodies and literals ----
  parseBody(end: string): Expr[] {
    const out: Expr[] = [];
    for (;;) {
      while (this.is(";")) this.next();
      if (this.is(end) || this.peek().kind === "eof") break;
      const lit = this.parseLiteral();
      out.push(lit);
      if (this.is(";")) continue;
      if (this.is(end)) break;
      if (!this.peek().nl) this.err(`unexpected ${this.describe(this.peek())} token: expected \\n or ; or ${end}`);
    }
    if (out.length === 0 && end === "}") this.err("found empty body");
    return out;
  }

  parseLiteral(): Expr {
    const start = this.peek();
    const loc = this.loc(start);
    let expr: Expr;
    if (this.is("some")) {
      this.next();
      expr = this.parseSome(loc);
    } else if (this.kw("every")) {
      this.next();
      expr = this.parseEvery(loc);
    } else {
      let negated = false;
      if (this.is("not")) {
        this.next();
        negated = true;
      }
      if (negated && this.kw("every")) {
        this.next();
        expr = this.parseEvery(loc);
      } else expr = this.parseExprBody(loc);
      expr.negated = negated;
    }
    while (this.is("with")) {
      const wt = this.next();
      const target = this.parseRefOnly();
      if (!this.is("as")) this.err("expected as");
      this.next();
      const value = this.parseExprTerm();
      expr.with.push({ target, value, loc: this.loc(wt) } satisfies With);
    }
    return expr;
  }

  private parseSome(loc: Location): Expr {
    const first = this.parseTermNoIn();
    if (this.is(",")) {
      // `some k, v in xs` or `some x, y` declaration list
      this.next();
      const second = this.parseTermNoIn();
      if (this.kw("in")) {
        this.next();
        const coll = this.parseTermNoIn();
        if (declaresNothing(first) && declaresNothing(second))
          return { kind: { k: "term", term: this.memberCall(3, [first, second, coll], loc) }, negated: false, with: [], loc };
        return { kind: { k: "somein", key: first, val: second, coll }, negated: false, with: [], loc };
      }
      const vars = [first, second];
      while (this.is(",")) {
        this.next();
        vars.push(this.parseTermNoIn());
      }
      return { kind: { k: "some", vars }, negated: false, with: [], loc };
    }
    if (this.kw("in")) {
      this.next();
      const coll = this.parseTermNoIn();
      // `some input.x in xs`: a ref declares no var, so OPA reads it as a membership test.
      if (declaresNothing(first)) return { kind: { k: "term", term: this.memberCall(2, [first, coll], loc) }, negated: false, with: [], loc };
      return { kind: { k: "somein", val: first, coll }, negated: false, with: [], loc };
    }
    if (first.t !== "var") this.err("expected var in some declaration");
    return { kind: { k: "some", vars: [first] }, negated: false, with: [], loc };
  }

  private parseEvery(loc: Location): Expr {
    const first = this.parseTermNoIn();
    let key: Term | undefined;
    let val = first;
    if (this.is(",")) {
      this.next();
      key = first;
      val = this.parseTermNoIn();
    }
    if (!this.kw("in")) this.err("expected in");
    this.next();
    const coll = this.parseTermNoIn();
    this.expect("{");
    const body = this.parseBody("}");
    this.expect("}");
    return { kind: { k: "every", key, val, coll, body }, negated: false, with: [], loc };
  }

  private parseExprBody(loc: Location): Expr {
    const a = this.parseExprTerm(true);
    if (this.is(":=") || this.is("=")) {
      const op = this.next().text;
      const b = this.parseExprTerm(true);
      return { kind: op === ":=" ? { k: "assign", a, b } : { k: "unify", a, b }, negated: false, with: [], loc };
    }
    return { kind: { k: "term", term: a }, negated: false, with: [], loc };
  }

  // ---- terms and operators ----
  /** Full expression term including `x in xs` and `k, v in xs` (the latter only at literal start). */
  parseExprTerm(allowPair = false): Term {
    const first = this.parseRelation();
    if (allowPair && this.is(",") && this.inAfterPair()) {
      this.next();
      const v = this.parseRelation();
      this.next(); // in
      const coll = this.parseRelation();
      let t3 = this.memberCall(3, [first, v, coll], first.loc);
      while (this.kw("in")) {
        this.next();
        t3 = this.memberCall(2, [t3, this.parseRelation()], t3.loc);
      }
      return t3;
    }
    let t = first;
    while (this.kw("in")) {
      this.next();
      const coll = this.parseRelation();
      t = this.memberCall(2, [t, coll], t.loc);
    }
    return t;
  }

  private inAfterPair(): boolean {
    // Look ahead: `, term in` at depth 0 on this literal
    const save = this.p;
    try {
      this.next();
      this.parseRelation();
      return this.kw("in");
    } catch (err) {
      rethrowNesting(err);
      return false;
    } finally {
      this.p = save;
    }
  }

  private memberCall(n: 2 | 3, args: Term[], loc: Location): Term {
    const name = n === 2 ? "internal.member_2" : "internal.member_3";
    return { t: "call", name, fn: { t: "var", name, loc }, args, loc };
  }

  private parseTermNoIn(): Term {
    return this.parseRelation();
  }

  private parseRelation(): Term {
    let a = this.parseLevel(0);
    while (this.peek().kind === "punct" && REL[this.peek().text]) {
      const op = this.next();
      const b = this.parseLevel(0);
      a = this.binCall(REL[op.text]!, a, b, op);
    }
    return a;
  }

  private parseLevel(level: number): Term {
    if (level >= LEVELS.length) return this.parseUnary();
    const ops = LEVELS[level]!;
    let a = this.parseLevel(level + 1);
    const depth0 = this.depth;
    try {
      while (this.peek().kind === "punct" && ops[this.peek().text]) {
        const op = this.next();
        // each operator of a chain nests the tree one level deeper (left-associative calls)
        this.enter(op);
        const b = this.parseLevel(level + 1);
        a = this.binCall(ops[op.text]!, a, b, op);
      }
    } finally {
      this.depth = depth0;
    }
    return a;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_TERM_NESTING) throw new NestingError("rego_parse_error", `too deeply nested: terms nest more than ${MAX_TERM_NESTING} levels here`, this.loc(t));
  }

  private binCall(name: string, a: Term, b: Term, _op: Token): Term {
    return { t: "call", name, fn: { t: "var", name, loc: a.loc }, args: [a, b], loc: a.loc };
  }

  /** Unary minus: a negative number literal (`- 1` and `-1` alike), else `0 - term`; never doubled. */
  private parseUnary(): Term {
    if (this.is("-")) {
      const m = this.next();
      const nt = this.peek();
      if (this.is("-")) this.err("unary - can only be used with numeric literals", m);
      const loc = this.loc(m);
      if (nt.kind === "number") {
        this.next();
        return this.parsePostfix({ t: "scalar", v: negate(parseNumber(nt.text)), loc });
      }
      const t = this.parseTerm();
      return { t: "call", name: "minus", fn: { t: "var", name: "minus", loc }, args: [{ t: "scalar", v: 0, loc }, t], loc };
    }
    return this.parseTerm();
  }

  parseTerm(): Term {
    this.enter(this.peek());
    try {
      const base = this.parsePrimary();
      return this.parsePostfix(base);
    } finally {
      this.depth--;
    }
  }

  private parsePostfix(base: Term): Term {
    let t = base;
    for (;;) {
      const nt = this.peek();
      if (this.is(".") && nt.kind === "punct") {
        const after = this.peek(1);
        if (after.kind !== "ident" || after.nl) break;
        this.next();
        this.next();
        t = appendRef(t, { t: "scalar", v: after.text, loc: this.loc(after) });
      } else if (this.is("[") && !nt.nl) {
        this.next();
        const idx = this.parseExprTerm();
        this.expect("]");
        t = appendRef(t, idx);
      } else if (this.is("(") && !nt.nl && (t.t === "var" || t.t === "ref")) {
        this.next();
        const args: Term[] = [];
        if (!this.is(")")) {
          for (;;) {
            args.push(this.parseExprTerm());
            if (this.is(",")) {
              this.next();
              if (this.is(")")) break;
              continue;
            }
            break;
          }
        }
        this.expect(")");
        const name = refName(t);
        if (name === undefined) this.err("invalid function name");
        t = { t: "call", name, fn: t, args, loc: t.loc };
      } else break;
    }
    return t;
  }

  private parsePrimary(): Term {
    const tok = this.peek();
    const loc = this.loc(tok);
    switch (tok.kind) {
      case "number":
        this.next();
        return { t: "scalar", v: parseNumber(tok.text), loc };
      case "string":
        this.next();
        return { t: "scalar", v: tok.text, loc };
      case "template":
        this.next();
        return this.templateTerm(tok, loc);
      case "ident": {
        if (tok.text === "true" || tok.text === "false") {
          this.next();
          return { t: "scalar", v: tok.text === "true", loc };
        }
        if (tok.text === "null") {
          this.next();
          return { t: "scalar", v: null, loc };
        }
        if (tok.text === "set" && this.is("(", 1) && this.is(")", 2)) {
          this.next();
          this.next();
          this.next();
          return { t: "set", items: [], loc };
        }
        if (KEYWORDS.has(tok.text) && this.keywordOn(tok.text) && tok.text !== "as" && !(tok.text === "contains" && this.is("(", 1)))
          this.err(`unexpected ${tok.text} keyword`);
        this.next();
        return { t: "var", name: tok.text, loc };
      }
      case "punct":
        break;
      default:
        this.err(`unexpected ${this.describe(tok)} token`);
    }
    if (tok.text === "(") {
      this.next();
      const t = this.parseExprTerm(true);
      this.expect(")");
      this.parenthesized.add(t);
      return t;
    }
    if (tok.text === "[") {
      this.next();
      if (this.is("]")) {
        this.next();
        return { t: "array", items: [], loc };
      }
      const save = this.p;
      const first = this.parseOrTerm();
      if (this.is("|") && this.bareInfix(first)) {
        // `[a - b | c]` is an array holding a union; only a plain term heads a comprehension.
        this.p = save;
        return this.parseArrayItems(loc);
      }
      if (this.is("|")) {
        // `[x | body]` is a comprehension; if that fails to parse, it is an array whose item uses `|` (union).
        try {
          this.next();
          const body = this.parseBody("]");
          this.expect("]");
          return { t: "acompr", head: first, body, loc };
        } catch (err) {
          rethrowNesting(err);
          this.p = save;
          return this.parseArrayItems(loc);
        }
      }
      const items = [first];
      while (this.is(",")) {
        this.next();
        if (this.is("]")) break;
        items.push(this.parseExprTerm());
      }
      this.expect("]");
      return { t: "array", items, loc };
    }
    if (tok.text === "{") {
      this.next();
      if (this.is("}")) {
        this.next();
        return { t: "object", items: [], loc };
      }
      const saveSet = this.p;
      const first = this.parseOrTerm();
      if (this.is("|") && this.bareInfix(first)) {
        this.p = saveSet;
        const items = [this.parseExprTerm()];
        while (this.is(",")) {
          this.next();
          if (this.is("}")) break;
          items.push(this.parseExprTerm());
        }
        this.expect("}");
        return { t: "set", items, loc };
      }
      if (this.is(":")) {
        this.next();
        const v = this.parseOrTerm();
        if (this.is("|")) {
          this.next();
          const body = this.parseBody("}");
          this.expect("}");
          return { t: "ocompr", key: first, value: v, body, loc };
        }
        const items: [Term, Term][] = [[first, v]];
        while (this.is(",")) {
          this.next();
          if (this.is("}")) break;
          const k = this.parseExprTerm();
          this.expect(":");
          items.push([k, this.parseExprTerm()]);
        }
        this.expect("}");
        return { t: "object", items, loc };
      }
      if (this.is("|")) {
        this.next();
        const body = this.parseBody("}");
        this.expect("}");
        return { t: "scompr", head: first, body, loc };
      }
      const items = [first];
      while (this.is(",")) {
        this.next();
        if (this.is("}")) break;
        items.push(this.parseExprTerm());
      }
      this.expect("}");
      return { t: "set", items, loc };
    }
    return this.err(`unexpected ${this.describe(tok)} token`);
  }

  /** Terms written in parentheses, so `(a & b) | c` can be told from `a & b | c`. */
  private readonly parenthesized = new WeakSet<Term>();

  private bareInfix(t: Term): boolean {
    return t.t === "call" && INFIX.has(t.name) && t.fn.t === "var" && t.fn.name === t.name && !this.parenthesized.has(t);
  }

  private parseArrayItems(loc: Location): Term {
    const items = [this.parseExprTerm()];
    while (this.is(",")) {
      this.next();
      if (this.is("]")) break;
      items.push(this.parseExprTerm());
    }
    this.expect("]");
    return { t: "array", items, loc };
  }

  /** Inside `{`, a `|` ends the head of a comprehension, so parse without the `|` (union) level. */
  private parseOrTerm(): Term {
    // Parse relation-level terms but stop at `|`: reuse levels above OR.
    let a = this.parseLevel(1);
    while (this.peek().kind === "punct" && REL[this.peek().text]) {
      const op = this.next();
      const b = this.parseLevel(1);
      a = this.binCall(REL[op.text]!, a, b, op);
    }
    while (this.kw("in")) {
      this.next();
      a = this.memberCall(2, [a, this.parseLevel(1)], a.loc);
    }
    return a;
  }

  /**
   * `$"a {expr} b"` becomes `internal.template_string("a ", [v | v := expr], " b")`: each expression is
   * collected so that an undefined one can render as `<undefined>`.
   */
  private templateTerm(tok: Token, loc: Location): Term {
    const body = tok.text;
    const args: Term[] = [];
    let text = "";
    let i = 0;
    const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", "{": "{", "}": "}" };
    while (i < body.length) {
      const c = body[i]!;
      if (c === "\\" && !tok.raw) {
        const e = body[i + 1] ?? "";
        if (e in simple) {
          text += simple[e];
          i += 2;
          continue;
        }
        if (e === "u") {
          text += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        this.err("illegal escape sequence in template string", tok);
      }
      if (c === "{") {
        let depth = 1;
        let j = i + 1;
        while (j < body.length && depth > 0) {
          if (body[j] === '"') {
            j++;
            while (j < body.length && body[j] !== '"') j += body[j] === "\\" ? 2 : 1;
          } else if (body[j] === "{") depth++;
          else if (body[j] === "}") depth--;
          j++;
        }
        if (depth > 0) this.err("unterminated expression in template string", tok);
        if (text) args.push({ t: "scalar", v: text, loc });
        text = "";
        const sub = new Parser(body.slice(i + 1, j - 1), this.file, 1);
        const lit = sub.parseLiteral();
        if (sub.peek().kind !== "eof") this.err("invalid expression in template string", tok);
        const v: Term = { t: "var", name: `$tpl${tok.row}_${tok.col}_${args.length}`, loc };
        if (lit.kind.k !== "term" || lit.negated) this.err("template string expressions must be terms", tok);
        const assign: Expr = { kind: { k: "assign", a: v, b: lit.kind.term }, negated: false, with: lit.with, loc };
        args.push({ t: "acompr", head: v, body: [assign], loc });
        i = j;
        continue;
      }
      text += c;
      i++;
    }
    if (text || args.length === 0) args.push({ t: "scalar", v: text, loc });
    const name = "internal.template_string";
    return { t: "call", name, fn: { t: "var", name, loc }, args, loc };
  }

  /** A query: a body without braces. */
  parseQuery(): Expr[] {
    const body = this.parseBody("<eof>");
    if (this.peek().kind !== "eof") this.err(`unexpected ${this.describe(this.peek())} token`);
    return body;
  }

  enableV1(): void {
    this.v1 = true;
  }
}

function negate(v: number | bigint): number | bigint {
  return typeof v === "bigint" ? -v : -v;
}

export function parseNumber(text: string): number | bigint {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
    return BigInt(text);
  }
  return Number(text);
}

function appendRef(t: Term, part: Term): Term {
  if (t.t === "ref") return { t: "ref", head: t.head, path: [...t.path, part], loc: t.loc };
  return { t: "ref", head: t, path: [part], loc: t.loc };
}

/** Dotted name of a var/ref of constant strings, e.g. `strings.replace_n`. */
export function refName(t: Term): string | undefined {
  if (t.t === "var") return t.name;
  if (t.t === "ref" && t.head.t === "var") {
    let s = t.head.name;
    for (const p of t.path) {
      if (p.t !== "scalar" || typeof p.v !== "string") return undefined;
      s += "." + p.v;
    }
    return s;
  }
  return undefined;
}

function refStrings(t: Term): string[] | undefined {
  const n = refName(t);
  return n === undefined ? undefined : n.split(".");
}

export function parseModule(src: string, file: string, regoVersion: 0 | 1 = 1): ModuleAst {
  return new Parser(src, file, regoVersion).parseModule();
}

export function parseQuery(src: string, regoVersion: 0 | 1 = 1): Expr[] {
  return new Parser(src, "query", regoVersion).parseQuery();
}

/** A `some … in` operand that declares no variable: a ref (`input.x`) or a scalar. */
function declaresNothing(t: Term): boolean {
  return t.t === "ref" || t.t === "scalar";
}
