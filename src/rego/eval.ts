// Top-down evaluator with backtracking, written in continuation-passing style: every evaluation step calls
// its continuation once per solution; a continuation returning `true` stops the enumeration (used by `not`,
// `every` and first-solution checks). Bindings are undone after each continuation returns.
import type { Expr, Term } from "./ast.js";
import { BuiltinError, type BuiltinContext, type BuiltinDef } from "./builtins/types.js";
import { callArity, type CompiledModules } from "./compiler.js";
import { RegoError, type Location } from "./errors.js";
import { refName } from "./parser.js";
import { lookupBuiltin } from "./registry.js";
import { CRule, RuleNode, pathText } from "./ruletree.js";
import { equal, key, mapKey, mergeObjects, regoText, RObject, RSet, type Value } from "./value.js";
import { index, insertAt, isGround, isPrefix, member, upsert } from "./docops.js";
import { isPureFunc, SharedMemo, type SharedResult } from "./pure-funcs.js";

export interface Budget {
  /** Maximum number of evaluation steps (expressions evaluated); default 5,000,000. */
  maxSteps?: number;
  /** Total size (string length, array/set/object members) of builtin results; default 4,000,000. */
  maxBuilt?: number;
  /** Called every 1024 steps; return true to abort (e.g. a wall-clock deadline). */
  shouldStop?: () => boolean;
}

export interface EvalOptions {
  input?: Value;
  data?: Value;
  /** Fixed `time.now_ns()` for this evaluation. Defaults to the wall clock at the start of the evaluation. */
  nowNs?: bigint;
  strictBuiltinErrors?: boolean;
  budget?: Budget;
  print?: (line: string) => void;
  /** Evaluation events (coverage, `policy test --trace`); absent, the evaluator pays one field test per step. */
  tracer?: Tracer;
}

/**
 * OPA's trace operations: `enter` a rule clause, `eval` an expression, `fail` when an expression produced no
 * solution, `exit` a rule clause whose body held (its head location), `note` for `trace(msg)`.
 */
export type TraceOp = "enter" | "eval" | "fail" | "exit" | "note";

export interface Tracer {
  event(op: TraceOp, loc: Location, depth: number, note?: string): void;
}

type K = () => boolean;
type VK = (v: Value) => boolean;

const UNDEF = Symbol("undefined");

interface Mock {
  value?: Value;
  target?: string;
}

/** One function's results in a frame: by its single string argument, or by the canonical key of its arguments. */
class FuncMemo {
  // Made on first use: most functions are only ever called one way.
  byString: Map<string, Value | typeof UNDEF> | undefined = undefined;
  byKey: Map<string, Value | typeof UNDEF> | undefined = undefined;
}

class Frame {
  readonly cache = new Map<number, Value | typeof UNDEF>();
  /** Function results by rule-tree node, then by argument (see FuncMemo). */
  readonly funcCache = new Map<number, FuncMemo>();
  /** Documents by rule-tree node (base data merged with rules), for frames without `with data…` overrides. */
  readonly docCache = new Map<number, Value | typeof UNDEF>();
  private noMocks?: Frame;
  constructor(
    readonly input: Value | undefined,
    readonly overrides: Map<string, { path: Value[]; value: Value }> | null,
    readonly mocks: Map<string, Mock> | null,
  ) {}
  unmocked(): Frame {
    if (!this.mocks) return this;
    return (this.noMocks ??= new Frame(this.input, this.overrides, null));
  }
}

/**
 * Variable bindings; always undone in LIFO order by the code that made them, so they are a stack. A body
 * binds a handful of vars: a backwards scan beats a Map, which allocates as it grows and shrinks.
 */
class Env {
  private readonly names: string[] = [];
  private readonly vals: Value[] = [];
  /** Number of bindings; changes when something binds a var. */
  size = 0;
  get(n: string): Value | undefined {
    for (let i = this.size - 1; i >= 0; i--) if (this.names[i] === n) return this.vals[i];
    return undefined;
  }
  has(n: string): boolean {
    return this.get(n) !== undefined;
  }
  push(n: string, v: Value): void {
    this.names[this.size] = n;
    this.vals[this.size] = v;
    this.size++;
  }
  pop(): void {
    this.size--;
  }
  /** Undo every binding made since the stack had `n`. */
  truncate(n: number): void {
    this.size = n;
  }
}

/**
 * How deep rules and functions may call each other (rule a0 uses a1 uses a2 …). Evaluation recurses on
 * the JavaScript stack; a fixed limit well below where it overflows gives the same positioned error on
 * every machine. OPA (on Go's growable stacks) has none.
 */
export const MAX_CALL_DEPTH = 100;

export class Evaluator {
  private steps = 0;
  private callDepth = 0;
  /**
   * For results shared across evaluations (pure-funcs.ts), which must cost what a fresh computation
   * costs: the deepest nesting reached so far, and how many calls were answered by this evaluation's own
   * memo (those charge nothing, so a result computed around one is not shared).
   */
  private deepest = 0;
  private ownMemoHits = 0;
  /** The expression being evaluated last: where a step-budget error is reported (the policy line that loops). */
  private at: Location | undefined;
  private readonly maxSteps: number;
  private built = 0;
  private readonly maxBuilt: number;
  private readonly shouldStop?: () => boolean;
  private readonly strict: boolean;
  private readonly bctx: BuiltinContext;
  private readonly inProgress = new Set<number>();
  private readonly root: RuleNode;
  private readonly baseData: Value;
  private readonly tracer?: Tracer;
  private depth = 0;
  readonly top: Frame;
  /** Function name → its rule-tree node, looked up once per program rather than once per call. */
  private readonly funcNodes: Map<string, RuleNode | undefined>;
  /** Call name → arity (undefined: not a fixed-arity call), once per program. */
  private readonly arities: Map<string, number | undefined>;
  /** Pure functions' shared results by rule-tree node (null: not pure), once per program. */
  private readonly shared: Map<number, SharedMemo | null>;

  constructor(
    private readonly compiled: CompiledModules,
    opts: EvalOptions,
  ) {
    this.root = compiled.root;
    const lookups = programLookups(compiled);
    this.funcNodes = lookups.funcNodes;
    this.arities = lookups.arities;
    this.shared = lookups.shared;
    this.baseData = opts.data ?? new RObject();
    this.maxSteps = opts.budget?.maxSteps ?? 5_000_000;
    this.maxBuilt = opts.budget?.maxBuilt ?? 4_000_000;
    this.shouldStop = opts.budget?.shouldStop;
    this.strict = opts.strictBuiltinErrors ?? false;
    const print = opts.print ?? (() => {});
    const nowNs = opts.nowNs ?? BigInt(Date.now()) * 1_000_000n;
    this.bctx = { nowNs, print, strictBuiltinErrors: this.strict, cache: new Map() };
    this.top = new Frame(opts.input, null, null);
    this.tracer = opts.tracer;
  }

  private tick(): void {
    if (++this.steps > this.maxSteps)
      throw new RegoError("eval_budget_exceeded", `evaluation exceeded the budget of ${this.maxSteps} steps`, this.at);
    if ((this.steps & 1023) === 0 && this.shouldStop?.())
      throw new RegoError("eval_budget_exceeded", "evaluation was stopped by its time budget", this.at);
  }

  // ---- public entry points ----

  /** Value of the document at `path` (relative to data). */
  document(path: Value[]): Value | undefined {
    // The usual question, a rule's document by its full path (`data.main.deny_x`), reaches its node by
    // lookups alone; a path into base data or into a rule's value goes the general way.
    let node: RuleNode | undefined = this.root;
    let i = 0;
    for (; i < path.length && node !== undefined && !node.hasRules && !node.isFunc; i++) node = node.child(path[i]!);
    if (i === path.length && node !== undefined) return this.docValue(node, path, this.top);
    let out: Value | undefined;
    const env = new Env();
    const terms: Term[] = path.map((v) => ({ t: "scalar", v, loc: LOC }));
    this.walkData(this.root, [], terms, 0, env, this.top, (v) => {
      out = v;
      return true;
    });
    return out;
  }

  /** All solutions of a compiled query body, as bindings of the given vars. */
  query(body: Expr[], vars: string[]): Map<string, Value>[] {
    const env = new Env();
    const out: Map<string, Value>[] = [];
    this.evalBody(body, 0, env, this.top, () => {
      const m = new Map<string, Value>();
      for (const v of vars) {
        const x = env.get(v);
        if (x !== undefined) m.set(v, x);
      }
      out.push(m);
      return false;
    });
    return out;
  }

  // ---- bodies and expressions ----

  private evalBody(body: Expr[], i: number, env: Env, fr: Frame, k: K): boolean {
    // Expressions with one outcome (a test, `x := <one value>`) run in this loop; the first that may
    // have several solutions continues through evalExpr. Bindings made here are undone on the way out.
    const base = env.size;
    try {
      for (; i < body.length && this.tracer === undefined; i++) {
        const e = body[i]!;
        const held = this.straightLine(e, env, fr);
        if (held === false) return false;
        if (held === undefined) break;
      }
      if (i === body.length) return k();
      return this.evalExpr(body[i]!, env, fr, () => this.evalBody(body, i + 1, env, fr, k));
    } finally {
      env.truncate(base);
    }
  }

  /**
   * An expression with exactly one outcome, evaluated in place (see evalBody): true when it holds (a var it
   * assigns stays bound), false when it fails, undefined (nothing evaluated) when it needs evalExpr.
   */
  private straightLine(e: Expr, env: Env, fr: Frame): boolean | undefined {
    if (e.with.length) return undefined;
    const x = e.kind;
    switch (x.k) {
      case "some":
        if (e.negated) return undefined;
        this.at = e.loc;
        this.tick();
        return true;
      case "term": {
        const t = x.term;
        if (!this.canDirect(t, env, fr)) return undefined;
        this.at = e.loc;
        this.tick();
        if (e.negated) {
          // As evalExprPlain: an undefined argument hoisted out of the `not` makes the expression undefined.
          for (const h of hoistedUnderNot(e)) if (this.direct(h, env, fr) === NOVALUE) return false;
          const v = this.direct(t, env, fr);
          return v === NOVALUE || v === false;
        }
        const v = this.direct(t, env, fr);
        return v !== NOVALUE && v !== false;
      }
      case "unify":
      case "assign": {
        if (e.negated) return undefined;
        const { a, b } = x;
        // `x := <term>` / `<term> = x` with x unbound, or two single values compared. Composite literals
        // unify element by element: left to unify().
        let target: string | undefined;
        let src: Term;
        if (this.unbound(a, env)) {
          if (this.unbound(b, env)) return undefined;
          target = (a as { name: string }).name;
          src = b;
        } else if (this.unbound(b, env)) {
          target = (b as { name: string }).name;
          src = a;
        } else {
          if (isLiteral(a) || isLiteral(b) || !this.canDirect(a, env, fr) || !this.canDirect(b, env, fr)) return undefined;
          this.at = e.loc;
          this.tick();
          const va = this.direct(a, env, fr);
          if (va === NOVALUE) return false;
          const vb = this.direct(b, env, fr);
          return vb !== NOVALUE && equal(vb, va);
        }
        if (!this.canDirect(src, env, fr)) return undefined;
        this.at = e.loc;
        this.tick();
        const v = this.direct(src, env, fr);
        if (v === NOVALUE) return false;
        env.push(target, v);
        return true;
      }
      default:
        return undefined;
    }
  }

  private evalExpr(e: Expr, env: Env, fr: Frame, k: K): boolean {
    this.at = e.loc;
    this.tick();
    if (this.tracer !== undefined) return this.evalExprTraced(e, env, fr, k, this.tracer);
    return this.evalExprPlain(e, env, fr, k);
  }

  private evalExprTraced(e: Expr, env: Env, fr: Frame, k: K, tr: Tracer): boolean {
    const depth = this.depth;
    tr.event("eval", e.loc, depth);
    let held = false;
    const r = this.evalExprPlain(e, env, fr, () => {
      held = true;
      return k();
    });
    if (!held) tr.event("fail", e.loc, depth);
    return r;
  }

  private evalExprPlain(e: Expr, env: Env, fr: Frame, k: K): boolean {
    let f = fr;
    if (e.with.length) {
      const nf = this.withFrame(e, env, fr);
      if (!nf) return false;
      f = nf;
    }
    if (e.negated) {
      // OPA's compiler evaluates a negated call's ref/call arguments (and a negated ref's dynamic keys)
      // before the `not`: when one is undefined, the whole expression is undefined, not true.
      for (const t of hoistedUnderNot(e)) if (this.isGround(t, env) && this.first(t, env, f) === undefined) return false;
      let found = false;
      this.evalKind(e, env, f, () => {
        found = true;
        return true;
      });
      return found ? false : k();
    }
    // Under `with`, only this expression sees the new frame: `k` (the rest of the body) closes over the outer one.
    return this.evalKind(e, env, f, k);
  }

  private evalKind(e: Expr, env: Env, fr: Frame, k: K): boolean {
    const x = e.kind;
    switch (x.k) {
      case "term": {
        const t = x.term;
        if (this.canDirect(t, env, fr)) {
          const v = this.direct(t, env, fr);
          return v === NOVALUE || v === false ? false : k();
        }
        return this.evalTerm(t, env, fr, (v) => (v === false ? false : k()));
      }
      case "unify":
      case "assign":
        return this.unify(x.a, x.b, env, fr, k);
      case "some":
        return k();
      case "somein":
        if (this.canDirect(x.coll, env, fr) && plainVar(x.val) && (x.key === undefined || plainVar(x.key))) {
          const c = this.direct(x.coll, env, fr);
          return c === NOVALUE ? false : this.eachBinding(c, x.key as VarTerm | undefined, x.val as VarTerm, env, k);
        }
        return this.evalTerm(x.coll, env, fr, (c) =>
          this.iterate(c, (kk, vv) =>
            x.key ? this.unifyValue(x.key, kk, env, fr, () => this.unifyValue(x.val, vv, env, fr, k)) : this.unifyValue(x.val, vv, env, fr, k),
          ),
        );
      case "every":
        return this.evalTerm(x.coll, env, fr, (c) => {
          // A non-collection domain makes `every` undefined (OPA rejects it statically when it can).
          if (!Array.isArray(c) && !(c instanceof RObject) && !(c instanceof RSet)) return false;
          let allOk = true;
          this.iterate(c, (kk, vv) => {
            let ok = false;
            const run = () =>
              this.evalBody(x.body, 0, env, fr, () => {
                ok = true;
                return true;
              });
            if (x.key) this.unifyValue(x.key, kk, env, fr, () => this.unifyValue(x.val, vv, env, fr, run));
            else this.unifyValue(x.val, vv, env, fr, run);
            if (!ok) {
              allOk = false;
              return true;
            }
            return false;
          });
          return allOk ? k() : false;
        });
    }
  }

  /**
   * `some k, v in coll` with plain vars, the common form: each element binds (or, where a var is already
   * bound, must equal) the vars in a loop, instead of two unifications and their continuations per element.
   */
  private eachBinding(c: Value, kv: VarTerm | undefined, vv: VarTerm, env: Env, k: K): boolean {
    const base = env.size;
    const one = (kk: Value, x: Value): boolean => {
      try {
        if (kv !== undefined) {
          const cur = env.get(kv.name);
          if (cur === undefined) env.push(kv.name, kk);
          else if (!equal(cur, kk)) return false;
        }
        const cur = env.get(vv.name);
        if (cur === undefined) env.push(vv.name, x);
        else if (!equal(cur, x)) return false;
        return k();
      } finally {
        env.truncate(base);
      }
    };
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        this.tick();
        if (one(i, c[i]!)) return true;
      }
    } else if (c instanceof RObject) {
      for (const e of c.map.values()) {
        this.tick();
        if (one(e[0], e[1])) return true;
      }
    } else if (c instanceof RSet) {
      for (const m of c.map.values()) {
        this.tick();
        if (one(m, m)) return true;
      }
    }
    return false;
  }

  /** Calls `f(key, value)` for each element; stops when `f` returns true. */
  private iterate(c: Value, f: (k: Value, v: Value) => boolean): boolean {
    // Every element visited is a step, so nested iteration cannot outrun the budget.
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        this.tick();
        if (f(i, c[i]!)) return true;
      }
    } else if (c instanceof RObject) {
      // Values are immutable once built: no copy of the entries is needed to iterate them.
      for (const [kk, vv] of c.entries()) {
        this.tick();
        if (f(kk, vv)) return true;
      }
    } else if (c instanceof RSet) {
      for (const m of c.values()) {
        this.tick();
        if (f(m, m)) return true;
      }
    }
    return false;
  }

  // ---- with ----

  private withFrame(e: Expr, env: Env, fr: Frame): Frame | undefined {
    let input = fr.input;
    let overrides = fr.overrides;
    let mocks = fr.mocks;
    for (const w of e.with) {
      const t = w.target;
      const head = t.t === "ref" ? t.head : t;
      const path = t.t === "ref" ? t.path.map((p) => (p as { v: Value }).v) : [];
      const headName = head.t === "var" ? head.name : "";
      if (headName === "input" || (headName === "data" && !this.isFuncPath(path))) {
        const v = this.first(w.value, env, fr);
        if (v === undefined) return undefined;
        if (headName === "input") input = path.length ? upsert(input, path, v) : v;
        else {
          overrides = new Map(overrides ?? []);
          // An override replaces everything below it.
          const pk = key(path);
          for (const [kk, o] of overrides) if (isPrefix(path, o.path)) overrides.delete(kk);
          overrides.set(pk, { path, value: v });
        }
        continue;
      }
      const name = headName === "data" ? pathText(path) : (refName(t) ?? "");
      mocks = new Map(mocks ?? []);
      mocks.set(name, this.mockFor(w.value, env, fr));
    }
    return new Frame(input, overrides, mocks);
  }

  private isFuncPath(path: Value[]): boolean {
    const n = this.root.lookup(path);
    return !!n && n.isFunc;
  }

  private mockFor(v: Term, env: Env, fr: Frame): Mock {
    if (v.t === "var" && !env.has(v.name) && v.name !== "input" && v.name !== "data") return { target: v.name };
    if (v.t === "ref") {
      const n = refName(v);
      if (v.head.t === "var" && v.head.name === "data" && !env.has("data") && v.path.every((p) => p.t === "scalar")) {
        const path = v.path.map((p) => (p as { v: Value }).v);
        if (this.isFuncPath(path)) return { target: pathText(path) };
      }
      if (n !== undefined) {
        if (!n.startsWith("data.") && !n.startsWith("input") && !env.has(n.split(".")[0]!) && lookupBuiltin(n)) return { target: n };
      }
    }
    return { value: this.first(v, env, fr) };
  }

  private first(t: Term, env: Env, fr: Frame): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(t, env, fr, (v) => {
      out = v;
      return true;
    });
    return out;
  }

  // ---- unification ----

  /** No unbound var anywhere in `t` (comprehension bodies aside). */
  private isGround(t: Term, env: Env): boolean {
    switch (t.t) {
      case "var":
        return !this.unbound(t, env);
      case "ref":
        return this.isGround(t.head, env) && t.path.every((p) => this.isGround(p, env));
      case "call":
        return t.args.every((a) => this.isGround(a, env));
      case "array":
      case "set":
        return t.items.every((x) => this.isGround(x, env));
      case "object":
        return t.items.every(([a, b]) => this.isGround(a, env) && this.isGround(b, env));
      default:
        return true;
    }
  }

  private unbound(t: Term, env: Env): boolean {
    return t.t === "var" && !env.has(t.name) && t.name !== "input" && t.name !== "data";
  }

  private hasUnbound(t: Term, env: Env): boolean {
    switch (t.t) {
      case "var":
        return this.unbound(t, env);
      case "array":
        return t.items.some((x) => this.hasUnbound(x, env));
      case "object":
        return t.items.some(([, v]) => this.hasUnbound(v, env));
      default:
        return false;
    }
  }

  private bind(name: string, v: Value, env: Env, k: K): boolean {
    env.push(name, v);
    try {
      return k();
    } finally {
      env.pop();
    }
  }

  private unify(a: Term, b: Term, env: Env, fr: Frame, k: K): boolean {
    if (this.unbound(a, env)) {
      const n = (a as { name: string }).name;
      if (this.unbound(b, env)) throw new RegoError("rego_unsafe_var_error", `var ${n} is unsafe`, a.loc);
      if (this.canDirect(b, env, fr)) {
        const v = this.direct(b, env, fr);
        return v === NOVALUE ? false : this.bind(n, v, env, k);
      }
      return this.evalTerm(b, env, fr, (v) => (env.has(n) ? equal(env.get(n)!, v) && k() : this.bind(n, v, env, k)));
    }
    if (this.unbound(b, env)) return this.unify(b, a, env, fr, k);
    if (a.t === "array" && b.t === "array") {
      if (a.items.length !== b.items.length) return false;
      return this.unifyItems(a.items, b.items, 0, env, fr, k);
    }
    if (a.t === "object" && b.t === "object" && this.hasUnbound(a, env) && this.hasUnbound(b, env)) {
      // Pair up values by (ground) key, then unify them pairwise.
      if (a.items.length !== b.items.length) return false;
      const ka = a.items.map(([kt]) => this.first(kt, env, fr));
      const kb = b.items.map(([kt]) => this.first(kt, env, fr));
      const as: Term[] = [];
      const bs: Term[] = [];
      for (let i = 0; i < ka.length; i++) {
        const j = kb.findIndex((x) => x !== undefined && ka[i] !== undefined && equal(x, ka[i]!));
        if (j < 0) return false;
        as.push(a.items[i]![1]);
        bs.push(b.items[j]![1]);
      }
      return this.unifyItems(as, bs, 0, env, fr, k);
    }
    if (this.hasUnbound(a, env)) return this.evalTerm(b, env, fr, (v) => this.unifyValue(a, v, env, fr, k));
    if (this.canDirect(a, env, fr)) {
      const v = this.direct(a, env, fr);
      return v === NOVALUE ? false : this.unifyValue(b, v, env, fr, k);
    }
    return this.evalTerm(a, env, fr, (v) => this.unifyValue(b, v, env, fr, k));
  }

  private unifyItems(as: Term[], bs: Term[], i: number, env: Env, fr: Frame, k: K): boolean {
    if (i === as.length) return k();
    return this.unify(as[i]!, bs[i]!, env, fr, () => this.unifyItems(as, bs, i + 1, env, fr, k));
  }

  /** Unify a term (possibly with unbound vars) against a value. */
  private unifyValue(p: Term, v: Value, env: Env, fr: Frame, k: K): boolean {
    switch (p.t) {
      case "var": {
        if (p.name === "input" || p.name === "data") break;
        const cur = env.get(p.name);
        if (cur === undefined) return this.bind(p.name, v, env, k);
        return equal(cur, v) ? k() : false;
      }
      case "array": {
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        const go = (i: number): boolean => (i === p.items.length ? k() : this.unifyValue(p.items[i]!, v[i]!, env, fr, () => go(i + 1)));
        return go(0);
      }
      case "object": {
        if (!(v instanceof RObject) || v.size !== p.items.length) return false;
        const go = (i: number): boolean => {
          if (i === p.items.length) return k();
          const [kt, vt] = p.items[i]!;
          return this.evalTerm(kt, env, fr, (kv) => {
            const x = v.get(kv);
            return x === undefined ? false : this.unifyValue(vt, x, env, fr, () => go(i + 1));
          });
        };
        return go(0);
      }
      case "scalar":
        return equal(p.v, v) ? k() : false;
      default:
        break;
    }
    if (this.canDirect(p, env, fr)) {
      const pv = this.direct(p, env, fr);
      return pv !== NOVALUE && equal(pv, v) ? k() : false;
    }
    return this.evalTerm(p, env, fr, (pv) => (equal(pv, v) ? k() : false));
  }

  // ---- terms with at most one value, evaluated without continuations ----
  //
  // Most terms in a policy have one value or none and bind nothing: `c.image`, `name`, `sprintf(…)`,
  // `count(x) > 0`. Evaluating them directly saves a closure per step, which is most of what the
  // continuation-passing path allocates. `canDirect` decides without evaluating anything (so nothing is
  // evaluated twice when it says no); `direct` then gives the value, or NOVALUE where the term is undefined.

  private canDirect(t: Term, env: Env, fr: Frame): boolean {
    // What the answer depends on (the term's shape, which vars are bound, mocks) is worked out once per
    // term: the check per evaluation is then a few var lookups instead of a walk over the term.
    let plan = directPlans.get(t);
    if (plan === undefined) directPlans.set(t, (plan = this.directPlan(t)));
    if (plan === null) return false;
    if (plan.calls && fr.mocks !== null) return false;
    const vars = plan.vars;
    for (let i = 0; i < vars.length; i++) if (!env.has(vars[i]!)) return false;
    return true;
  }

  /**
   * When `t` can be evaluated directly: null if never (a `data` ref, a comprehension, a call with several
   * values…); otherwise once the listed vars are bound and, if it makes calls, no function is mocked.
   */
  private directPlan(t: Term): DirectPlan | null {
    const vars = new Set<string>();
    let calls = false;
    const walk = (x: Term): boolean => {
      switch (x.t) {
        case "scalar":
          return true;
        case "var":
          // `data` is never a bound var: the plan is null at once instead of a var no env ever binds.
          if (x.name === "data") return false;
          if (x.name !== "input") vars.add(x.name);
          return true;
        case "ref": {
          const h = x.head;
          if (h.t !== "var" || h.name === "data") return false;
          if (h.name !== "input") vars.add(h.name);
          for (const p of x.path) if (p.t !== "scalar" && !((p.t === "var" || p.t === "ref") && walk(p))) return false;
          return true;
        }
        case "array":
        case "set":
          if (constantValue(x) !== undefined) return true;
          return x.items.every(walk);
        case "object":
          if (constantValue(x) !== undefined) return true;
          return x.items.every(([a, b]) => walk(a) && walk(b));
        case "call":
          if (this.singleValuedCall(x) === null) return false;
          calls = true;
          return x.args.every(walk);
        default:
          return false;
      }
    };
    return walk(t) ? { vars: [...vars], calls } : null;
  }

  /**
   * How a call with one value or none is made (a user function, `==`/`!=`, or a builtin that is not a
   * relation, not written with its output argument); null for other calls. Once per call term: the term
   * belongs to one compiled program, and builtins registered later apply to programs compiled later.
   */
  private singleValuedCall(t: Term & { t: "call" }): DirectCall | null {
    let c = singleValued.get(t);
    if (c === undefined) {
      const name = t.name;
      const ar = callArity(name, this.compiled.funcArity);
      const outputForm = ar !== undefined && t.args.length === ar + 1;
      if (name === "equal" || name === "neq") c = t.args.length === 2 ? { op: name } : null;
      else if (outputForm || SPECIAL_CALLS.has(name)) c = null;
      else if (name.startsWith("data.")) c = ar !== undefined ? { op: "user" } : null;
      else {
        const def = lookupBuiltin(name);
        c = def !== undefined && !def.relation ? { op: "builtin", def } : null;
      }
      singleValued.set(t, c);
    }
    return c;
  }

  /** The value of a term `canDirect` accepted; NOVALUE when it is undefined. */
  private direct(t: Term, env: Env, fr: Frame): Value | typeof NOVALUE {
    switch (t.t) {
      case "scalar":
        return t.v;
      case "var": {
        const v = env.get(t.name);
        if (v !== undefined) return v;
        return fr.input === undefined ? NOVALUE : fr.input;
      }
      case "ref": {
        let cur = env.get((t.head as { name: string }).name);
        if (cur === undefined) {
          if (fr.input === undefined) return NOVALUE;
          cur = fr.input;
        }
        const path = t.path;
        for (let i = 0; i < path.length; i++) {
          const p = path[i]!;
          let kv: Value | typeof NOVALUE;
          if (p.t === "scalar") kv = p.v;
          else {
            kv = this.direct(p, env, fr);
            if (kv === NOVALUE) return NOVALUE;
          }
          const c = index(cur, kv);
          if (c === undefined) return NOVALUE;
          cur = c;
        }
        return cur;
      }
      case "array":
      case "set": {
        const c = constantValue(t);
        if (c !== undefined) return c;
        const xs = new Array<Value>(t.items.length);
        for (let i = 0; i < xs.length; i++) {
          const x = this.direct(t.items[i]!, env, fr);
          if (x === NOVALUE) return NOVALUE;
          xs[i] = x;
        }
        return t.t === "set" ? new RSet(xs) : xs;
      }
      case "object": {
        const c = constantValue(t);
        if (c !== undefined) return c;
        const o = new RObject();
        for (const [a, b] of t.items) {
          const kv = this.direct(a, env, fr);
          if (kv === NOVALUE) return NOVALUE;
          const vv = this.direct(b, env, fr);
          if (vv === NOVALUE) return NOVALUE;
          o.set(kv, vv);
        }
        return o;
      }
      case "call": {
        const args = new Array<Value>(t.args.length);
        for (let i = 0; i < args.length; i++) {
          const x = this.direct(t.args[i]!, env, fr);
          if (x === NOVALUE) return NOVALUE;
          args[i] = x;
        }
        const c = singleValued.get(t)!;
        let r: Value | undefined;
        if (c.op === "equal") r = equal(args[0]!, args[1]!);
        else if (c.op === "neq") r = !equal(args[0]!, args[1]!);
        else if (c.op === "user") r = this.callUser(t.name, args, fr, t.loc);
        else r = this.builtinValue(c.def!, t.name, args, t.loc);
        return r === undefined ? NOVALUE : r;
      }
      default:
        throw new Error("direct: not a direct term");
    }
  }

  // ---- terms ----

  evalTerm(t: Term, env: Env, fr: Frame, vk: VK): boolean {
    switch (t.t) {
      case "scalar":
        return vk(t.v);
      case "var": {
        const v = env.get(t.name);
        if (v !== undefined) return vk(v);
        if (t.name === "input") return fr.input === undefined ? false : vk(fr.input);
        if (t.name === "data") return this.walkData(this.root, [], [], 0, env, fr, vk);
        throw new RegoError("rego_unsafe_var_error", `var ${t.name} is unsafe`, t.loc);
      }
      case "ref":
        return this.evalRef(t, env, fr, vk);
      case "array":
      case "set":
      case "object": {
        const c = constantValue(t);
        if (c !== undefined) return vk(c);
        break;
      }
    }
    switch (t.t) {
      case "array":
        return this.evalList(t.items, 0, new Array(t.items.length), env, fr, (xs) => vk(xs));
      case "set":
        return this.evalList(t.items, 0, new Array(t.items.length), env, fr, (xs) => vk(new RSet(xs)));
      case "object": {
        const flat = flatItems(t);
        return this.evalList(flat, 0, new Array(flat.length), env, fr, (xs) => {
          const o = new RObject();
          for (let i = 0; i < xs.length; i += 2) o.set(xs[i]!, xs[i + 1]!);
          return vk(o);
        });
      }
      case "acompr": {
        const out: Value[] = [];
        this.evalBody(t.body, 0, env, fr, () => this.evalTerm(t.head, env, fr, (v) => (out.push(v), false)));
        return vk(out);
      }
      case "scompr": {
        const out = new RSet();
        this.evalBody(t.body, 0, env, fr, () => this.evalTerm(t.head, env, fr, (v) => (out.add(v), false)));
        return vk(out);
      }
      case "ocompr": {
        const out = new RObject();
        this.evalBody(t.body, 0, env, fr, () =>
          this.evalTerm(t.key, env, fr, (kv) =>
            this.evalTerm(t.value, env, fr, (vv) => {
              const cur = out.get(kv);
              if (cur !== undefined && !equal(cur, vv))
                throw new RegoError("eval_conflict_error", "object keys must be unique", t.loc);
              out.set(kv, vv);
              return false;
            }),
          ),
        );
        return vk(out);
      }
      case "call":
        return this.evalCall(t, env, fr, vk);
    }
  }

  /**
   * Evaluate a list of terms (cartesian product over their values). Items with exactly one value that bind
   * nothing are evaluated in a loop, so long literals do not deepen the JS stack.
   */
  private evalList(items: Term[], i: number, acc: Value[], env: Env, fr: Frame, k: (xs: Value[]) => boolean): boolean {
    const start = i;
    for (; i < items.length; i++) {
      const t = items[i]!;
      if (t.t === "scalar") {
        acc[i] = t.v;
        continue;
      }
      if (this.canDirect(t, env, fr)) {
        const d = this.direct(t, env, fr);
        if (d === NOVALUE) return false;
        acc[i] = d;
        continue;
      }
      const size = env.size;
      let n = 0;
      let v: Value | undefined;
      let binds = false;
      this.evalTerm(t, env, fr, (x) => {
        n++;
        v = x;
        if (env.size !== size) binds = true;
        return binds || n > 1;
      });
      if (n === 0) return false;
      if (binds || n > 1) break;
      acc[i] = v!;
    }
    // A list evaluated in the loop alone (from 0) owns `acc`; a later item's solutions overwrite theirs.
    if (i === items.length) return k(start === 0 ? acc : acc.slice());
    return this.evalTerm(items[i]!, env, fr, (v) => {
      acc[i] = v;
      return this.evalList(items, i + 1, acc, env, fr, k);
    });
  }

  private evalRef(t: Term & { t: "ref" }, env: Env, fr: Frame, vk: VK): boolean {
    const h = t.head;
    if (h.t === "var" && !env.has(h.name)) {
      if (h.name === "data") return this.walkData(this.root, [], t.path, 0, env, fr, vk);
      if (h.name === "input") return fr.input === undefined ? false : this.walkValue(fr.input, t.path, 0, env, fr, vk);
    }
    return this.evalTerm(h, env, fr, (hv) => this.walkValue(hv, t.path, 0, env, fr, vk));
  }

  private walkValue(v: Value, path: Term[], i: number, env: Env, fr: Frame, vk: VK): boolean {
    if (i === path.length) return vk(v);
    const p = path[i]!;
    if (p.t === "var" && this.unbound(p, env)) {
      return this.iterate(v, (kk, vv) => this.bind(p.name, kk, env, () => this.walkValue(vv, path, i + 1, env, fr, vk)));
    }
    if (this.hasUnbound(p, env)) {
      return this.iterate(v, (kk, vv) => this.unifyValue(p, kk, env, fr, () => this.walkValue(vv, path, i + 1, env, fr, vk)));
    }
    if (p.t === "scalar") {
      const c = index(v, p.v);
      return c === undefined ? false : this.walkValue(c, path, i + 1, env, fr, vk);
    }
    if (this.canDirect(p, env, fr)) {
      const kv = this.direct(p, env, fr);
      const c = kv === NOVALUE ? undefined : index(v, kv);
      return c === undefined ? false : this.walkValue(c, path, i + 1, env, fr, vk);
    }
    return this.evalTerm(p, env, fr, (kv) => {
      const c = index(v, kv);
      return c === undefined ? false : this.walkValue(c, path, i + 1, env, fr, vk);
    });
  }

  // ---- data documents (base + virtual) ----

  private walkData(node: RuleNode | undefined, P: Value[], path: Term[], i: number, env: Env, fr: Frame, vk: VK): boolean {
    const overridden = fr.overrides !== null && fr.overrides.has(key(P));
    if (!node || overridden || node.hasRules || node.isFunc || i === path.length) {
      const v = this.docValue(node, P, fr);
      return v === undefined ? false : this.walkValue(v, path, i, env, fr, vk);
    }
    const p = path[i]!;
    if (p.t === "var" && this.unbound(p, env)) {
      const keys = new Map<string, Value>();
      for (const c of node.children.values()) if (!c.node.isFunc) keys.set(mapKey(c.key), c.key);
      const base = this.baseAt(P);
      if (base instanceof RObject) for (const kk of base.keys()) keys.set(mapKey(kk), kk);
      for (const kk of keys.values()) {
        if (this.bind(p.name, kk, env, () => this.walkData(node.child(kk), [...P, kk], path, i + 1, env, fr, vk))) return true;
      }
      return false;
    }
    return this.evalTerm(p, env, fr, (kv) => this.walkData(node.child(kv), [...P, kv], path, i + 1, env, fr, vk));
  }

  private baseAt(P: Value[]): Value | undefined {
    let v: Value | undefined = this.baseData;
    for (const p of P) {
      if (v === undefined) return undefined;
      v = index(v, p);
    }
    return v;
  }

  private docValue(node: RuleNode | undefined, P: Value[], fr: Frame): Value | undefined {
    // A node's document is fixed for a frame (P is the node's path): a rule referenced from several places
    // (`ports`, `environment`) is looked up in base data and merged with its children once.
    if (node === undefined || fr.overrides !== null) return this.computeDoc(node, P, fr);
    const c = fr.docCache.get(node.id);
    if (c !== undefined) return c === UNDEF ? undefined : c;
    const v = this.computeDoc(node, P, fr);
    fr.docCache.set(node.id, v === undefined ? UNDEF : v);
    return v;
  }

  private computeDoc(node: RuleNode | undefined, P: Value[], fr: Frame): Value | undefined {
    const ov = fr.overrides?.get(key(P));
    if (ov) return ov.value;
    let v: Value | undefined;
    if (node && node.isFunc) {
      const f = node.funcs[0] ?? node.funcDefaults[0];
      return f && f.args!.length === 0 ? this.callUser(pathText(node.path), [], fr, f.loc) : undefined;
    }
    if (node && node.hasRules) {
      // Where base data and a rule define the same document, OPA answers from the base document.
      v = this.baseAt(P) ?? this.ruleValue(node, fr);
      if (node.children.size && (v === undefined || v instanceof RObject)) v = this.mergeChildren(node, P, fr, v);
    } else if (node) {
      v = this.mergeChildren(node, P, fr, this.baseAt(P));
    } else v = this.baseAt(P);
    if (fr.overrides) {
      for (const o of fr.overrides.values()) {
        if (o.path.length > P.length && isPrefix(P, o.path)) v = upsert(v, o.path.slice(P.length), o.value);
      }
    }
    return v;
  }

  private mergeChildren(node: RuleNode, P: Value[], fr: Frame, start: Value | undefined): Value {
    const obj = start instanceof RObject ? new RObject(start.entries()) : new RObject();
    for (const c of node.children.values()) {
      if (c.node.isFunc) continue;
      const cv = this.docValue(c.node, [...P, c.key], fr);
      if (cv === undefined) continue;
      const prev = obj.get(c.key);
      obj.set(c.key, prev instanceof RObject && cv instanceof RObject ? mergeObjects(prev, cv) : cv);
    }
    return obj;
  }

  // ---- rules ----

  private ruleValue(node: RuleNode, fr: Frame): Value | undefined {
    const c = fr.cache.get(node.id);
    if (c !== undefined) return c === UNDEF ? undefined : c;
    if (this.inProgress.has(node.id)) {
      const r = node.rules[0] ?? node.defaults[0];
      throw new RegoError("rego_recursion_error", `rule ${pathText(node.path)} is recursive`, r?.loc);
    }
    const first = node.rules[0] ?? node.defaults[0];
    this.inProgress.add(node.id);
    let v: Value | undefined;
    try {
      v = this.nested(node, first?.loc, () => this.computeRule(node, fr));
    } finally {
      this.inProgress.delete(node.id);
    }
    fr.cache.set(node.id, v === undefined ? UNDEF : v);
    return v;
  }

  /**
   * Counts rule/function nesting; a JS stack overflow inside is reported at the innermost rule too. The
   * rule's name is only spelled out when an error needs it (this runs for every rule and function call).
   */
  private nested<T>(node: RuleNode, loc: Location | undefined, f: () => T): T {
    if (this.callDepth >= MAX_CALL_DEPTH) {
      throw new RegoError("eval_budget_exceeded", `too deeply nested: rules and functions call each other more than ${MAX_CALL_DEPTH} deep, in ${pathText(node.path)}`, loc);
    }
    this.callDepth++;
    if (this.callDepth > this.deepest) this.deepest = this.callDepth;
    try {
      return f();
    } catch (e) {
      if (e instanceof RangeError && /call stack/.test(e.message)) throw new RegoError("eval_budget_exceeded", `too deeply nested: evaluation ran out of stack in ${pathText(node.path)}`, loc);
      throw e;
    } finally {
      this.callDepth--;
    }
  }

  private computeRule(node: RuleNode, fr: Frame): Value | undefined {
    const first = node.rules[0] ?? node.defaults[0]!;
    if (first.suffix.length === 0 && first.kind === "set") {
      const s = new RSet();
      for (const r of node.rules) {
        const constant = isGround(r.key);
        const tr = this.tracer;
        if (tr === undefined) {
          this.solutions(r.body, fr, (env) => this.evalTerm(r.key!, env, fr, (v) => (s.add(v), constant)));
          continue;
        }
        tr.event("enter", r.loc, this.depth++);
        try {
          this.solutions(r.body, fr, (env) => this.evalTerm(r.key!, env, fr, (v) => (tr.event("exit", r.loc, this.depth - 1), s.add(v), constant)));
        } finally {
          this.depth--;
        }
      }
      return s;
    }
    if (first.suffix.length > 0) {
      const obj = new RObject();
      for (const r of node.rules) {
        const leafT = r.kind === "set" ? r.key! : undefined;
        const emit = (env: Env, leaf: Value) =>
          this.evalList(r.suffix, 0, new Array(r.suffix.length), env, fr, (keys) => (insertAt(obj, keys, leaf, r.kind === "set", r.loc), false));
        this.clauses(r, fr, emit, leafT);
      }
      if (obj.size === 0 && node.defaults.length) return this.defaultValue(node.defaults[0]!, fr);
      return obj;
    }
    let result: Value | undefined;
    for (const r of node.rules) {
      // Early exit, as OPA: a constant value cannot change with further solutions of the same rule.
      const constant = r.constant;
      this.clauses(r, fr, (_env, v) => {
        if (result === undefined) result = v;
        else if (!equal(result, v))
          throw new RegoError("eval_conflict_error", `rule ${pathText(node.path)} produced conflicting values (complete rules must not produce multiple outputs)`, r.loc);
        return constant;
      });
    }
    if (result === undefined && node.defaults.length) result = this.defaultValue(node.defaults[0]!, fr);
    return result;
  }

  /**
   * Values of a rule: from its body, or else from the first `else` clause producing any. A clause whose body
   * holds but whose value is undefined falls through to the next clause.
   */
  private clauses(r: CRule, fr: Frame, emit: (env: Env, v: Value) => boolean, leaf?: Term, pre?: (env: Env, k: K) => boolean): void {
    const all = r.clauses;
    const tr = this.tracer;
    for (const c of all) {
      const value = leaf ?? c.value ?? c.trueTerm;
      let found = false;
      const env = new Env();
      const run = () =>
        this.evalBody(c.body, 0, env, fr, () =>
          this.evalTerm(value, env, fr, (v) => {
            found = true;
            if (tr !== undefined) tr.event("exit", c.loc, this.depth - 1);
            return emit(env, v);
          }),
        );
      if (tr !== undefined) {
        tr.event("enter", c.loc, this.depth++);
        try {
          if (pre) pre(env, run);
          else run();
        } finally {
          this.depth--;
        }
      } else if (pre) pre(env, run);
      else run();
      if (found || r.elses.length === 0) return;
    }
  }

  /** A `default` rule's value, used when no other definition produced one (OPA traces it as a rule exit). */
  private defaultValue(r: CRule, fr: Frame): Value | undefined {
    const v = this.first(r.value!, new Env(), fr);
    if (v !== undefined && this.tracer !== undefined) {
      this.tracer.event("enter", r.loc, this.depth);
      this.tracer.event("exit", r.loc, this.depth);
    }
    return v;
  }

  private solutions(body: Expr[], fr: Frame, emit: (env: Env) => boolean): void {
    const env = new Env();
    this.evalBody(body, 0, env, fr, () => emit(env));
  }

  // ---- calls ----

  private evalCall(t: Term & { t: "call" }, env: Env, fr: Frame, vk: VK): boolean {
    const name = t.name;
    switch (name) {
      case "print":
        return this.evalPrint(t, env, fr, vk);
      case "trace":
        return this.evalList(t.args, 0, new Array(t.args.length), env, fr, (args) => {
          if (this.tracer !== undefined) this.tracer.event("note", t.loc, this.depth, typeof args[0] === "string" ? args[0] : regoText(args[0]!));
          return vk(true);
        });
      case "internal.template_string":
        return this.evalList(t.args, 0, new Array(t.args.length), env, fr, (parts) => {
          let out = "";
          for (let i = 0; i < parts.length; i++) {
            const p = parts[i]!;
            if (t.args[i]!.t === "scalar") out += p as string;
            else {
              const vs = p as Value[];
              if (vs.length > 1) throw new RegoError("eval_conflict_error", "template string expression produced multiple values", t.loc);
              out += vs.length === 0 ? "<undefined>" : typeof vs[0] === "string" ? vs[0] : regoText(vs[0]!);
            }
          }
          return vk(out);
        });
      case "internal.member_2":
        return this.evalTerm(t.args[1]!, env, fr, (c) => {
          if (this.hasUnbound(t.args[0]!, env))
            return this.iterate(c, (_k, v) => this.unifyValue(t.args[0]!, v, env, fr, () => vk(true)));
          return this.evalTerm(t.args[0]!, env, fr, (x) => vk(member(c, x)));
        });
      case "internal.member_3":
        return this.evalTerm(t.args[2]!, env, fr, (c) =>
          this.evalTerm(t.args[0]!, env, fr, (kk) =>
            this.evalTerm(t.args[1]!, env, fr, (v) => {
              const x = c instanceof RSet ? undefined : index(c, kk);
              return vk(x !== undefined && equal(x, v));
            }),
          ),
        );
    }
    let ar = this.arities.get(name);
    if (ar === undefined && !this.arities.has(name)) this.arities.set(name, (ar = callArity(name, this.compiled.funcArity)));
    if (ar !== undefined && t.args.length === ar + 1) {
      const ins = inputArgs(t, ar);
      const out = t.args[ar]!;
      return this.evalList(ins, 0, new Array(ar), env, fr, (args) =>
        this.results(name, args, fr, t.loc, (r) => this.unifyValue(out, r, env, fr, () => vk(true))),
      );
    }
    return this.evalList(t.args, 0, new Array(t.args.length), env, fr, (args) => this.results(name, args, fr, t.loc, vk));
  }

  private results(name: string, args: Value[], fr: Frame, loc: Location, vk: VK): boolean {
    if (name === "equal" && args.length === 2 && !fr.mocks?.has(name)) return vk(equal(args[0]!, args[1]!));
    if (name === "neq" && args.length === 2 && !fr.mocks?.has(name)) return vk(!equal(args[0]!, args[1]!));
    const mock = fr.mocks?.get(name);
    if (mock) {
      if (mock.target === undefined) return mock.value === undefined ? false : vk(mock.value);
      // The replacement runs without the mocks, so it can call the function it replaces.
      name = mock.target;
      fr = fr.unmocked();
    }
    if (name.startsWith("data.")) {
      const r = this.callUser(name, args, fr, loc);
      return r === undefined ? false : vk(r);
    }
    const def = lookupBuiltin(name);
    if (!def) throw new RegoError("rego_type_error", `undefined function ${name}`, loc);
    const r = this.builtinValue(def, name, args, loc);
    if (r === undefined) return false;
    if (def.relation && Array.isArray(r)) {
      for (const x of r) if (vk(x)) return true;
      return false;
    }
    return vk(r);
  }

  /** A builtin's result under the size budget; undefined when it fails (outside strict mode) or has none. */
  private builtinValue(def: BuiltinDef, name: string, args: Value[], loc: Location): Value | undefined {
    // Operands already over the size budget would only build something bigger (concat, array.concat…).
    let operands = 0;
    for (const a of args) operands += typeof a === "string" || Array.isArray(a) ? a.length : a instanceof RSet || a instanceof RObject ? a.size : 0;
    if (this.built + operands > this.maxBuilt)
      throw new RegoError("eval_budget_exceeded", `evaluation exceeded the budget of ${this.maxBuilt} built elements (${name})`, loc);
    let r: Value | undefined;
    this.bctx.location = loc;
    try {
      r = def.fn(args, this.bctx);
    } catch (e) {
      if (e instanceof BuiltinError) {
        if (this.strict || e.halt) throw new RegoError(e.code, e.message, loc);
        return undefined;
      }
      if (e instanceof RegoError) throw e.location ? e : new RegoError(e.code, e.message, loc);
      if (e instanceof RangeError) throw e;
      if (this.strict) throw new RegoError("eval_builtin_error", `${name}: ${(e as Error).message}`, loc);
      return undefined;
    }
    if (r === undefined) return undefined;
    // Size budget: what builtins build (strings, arrays, sets, objects) counts against the evaluation, so
    // doubling a string or an array with concat/array.concat ends in a budget error, not in gigabytes.
    if (typeof r === "string" || Array.isArray(r) || r instanceof RSet || r instanceof RObject) {
      this.built += typeof r === "string" || Array.isArray(r) ? r.length : r.size;
      if (this.built > this.maxBuilt)
        throw new RegoError("eval_budget_exceeded", `evaluation exceeded the budget of ${this.maxBuilt} built elements (${name})`, loc);
    }
    return r;
  }

  private callUser(name: string, args: Value[], fr: Frame, loc: Location): Value | undefined {
    let node = this.funcNodes.get(name);
    if (node === undefined && !this.funcNodes.has(name)) {
      node = this.root.lookup(this.compiled.funcPaths.get(name) ?? name.split(".").slice(1));
      this.funcNodes.set(name, node);
    }
    if (!node || !node.isFunc) {
      // Calling a rule that is not a function: OPA rejects this at compile time.
      if (!node) throw new RegoError("rego_type_error", `undefined function ${name}`, loc);
      throw new RegoError("rego_type_error", `${name} is not a function`, loc);
    }
    let memo = fr.funcCache.get(node.id);
    if (memo === undefined) fr.funcCache.set(node.id, (memo = new FuncMemo()));
    // A single string argument (most helper functions: `pinnable(c.image)`) is its own memo key: no
    // canonical key of the argument list, no new string to hash per call.
    const byString = args.length === 1 && typeof args[0] === "string";
    const table = byString ? (memo.byString ??= new Map()) : (memo.byKey ??= new Map());
    const ck = byString ? (args[0] as string) : key(args);
    const c = table.get(ck);
    if (c !== undefined) {
      this.ownMemoHits++;
      return c === UNDEF ? undefined : c;
    }
    // Results shared across evaluations: only without mocks, tracing or strict builtin errors (each
    // would make the same call behave differently), and never past the nesting limit (which must still fire).
    const shared = fr.mocks === null && this.tracer === undefined && !this.strict && this.callDepth < MAX_CALL_DEPTH ? this.sharedMemo(node) : undefined;
    const sk = shared === undefined ? undefined : SharedMemo.keyOf(args, ck);
    if (sk !== undefined) {
      const hit = shared!.get(args, sk);
      // A hit that a fresh computation here would have nested too deeply for is computed, so the limit fires.
      if (hit !== undefined && this.callDepth + hit.depth <= MAX_CALL_DEPTH) {
        this.charge(hit, loc);
        if (this.callDepth + hit.depth > this.deepest) this.deepest = this.callDepth + hit.depth;
        table.set(ck, hit.value === undefined ? UNDEF : hit.value);
        return hit.value;
      }
    }
    const steps0 = this.steps;
    const built0 = this.built;
    const hits0 = this.ownMemoHits;
    const deepest0 = this.deepest;
    this.deepest = this.callDepth;
    let result: Value | undefined;
    let depth = 0;
    try {
      this.nested(node, node.funcs[0]?.loc ?? loc, () => {
        for (const r of node.funcs) {
          const params = r.args!;
          const constant = r.constant;
          const bindArgs = (env: Env, k: K) => this.bindParams(params, args, env, fr, k);
          this.clauses(
            r,
            fr,
            (_env, v) => {
              if (result === undefined) result = v;
              else if (!equal(result, v))
                throw new RegoError("eval_conflict_error", `function ${pathText(node.path)} produced conflicting values for the same inputs`, r.loc);
              return constant;
            },
            undefined,
            bindArgs,
          );
        }
        if (result === undefined && node.funcDefaults.length) result = this.defaultValue(node.funcDefaults[0]!, fr);
      });
    } finally {
      depth = this.deepest - this.callDepth;
      if (deepest0 > this.deepest) this.deepest = deepest0;
    }
    table.set(ck, result === undefined ? UNDEF : result);
    if (sk !== undefined && this.ownMemoHits === hits0) shared!.set(args, sk, { value: result, steps: this.steps - steps0, built: this.built - built0, depth });
    return result;
  }

  /** The program-wide results of a pure function (see pure-funcs.ts); undefined for any other function. */
  private sharedMemo(node: RuleNode): SharedMemo | undefined {
    let m = this.shared.get(node.id);
    if (m === undefined) {
      m = isPureFunc(node, (name) => this.root.lookup(this.compiled.funcPaths.get(name) ?? name.split(".").slice(1))) ? new SharedMemo() : null;
      this.shared.set(node.id, m);
    }
    return m ?? undefined;
  }

  /** A shared result costs what computing it cost: the step and size budgets end an evaluation as before. */
  private charge(r: SharedResult, loc: Location): void {
    this.steps += r.steps;
    if (this.steps > this.maxSteps) throw new RegoError("eval_budget_exceeded", `evaluation exceeded the budget of ${this.maxSteps} steps`, this.at);
    this.built += r.built;
    if (this.built > this.maxBuilt) throw new RegoError("eval_budget_exceeded", `evaluation exceeded the budget of ${this.maxBuilt} built elements`, loc);
  }

  /**
   * A function clause's parameters unified with the call's arguments, then `k`. Plain vars and scalars
   * (nearly every parameter) bind or compare in a loop; the first other pattern continues through unifyValue.
   */
  private bindParams(params: Term[], args: Value[], env: Env, fr: Frame, k: K): boolean {
    const base = env.size;
    try {
      let i = 0;
      for (; i < params.length; i++) {
        const p = params[i]!;
        if (p.t === "scalar") {
          if (!equal(p.v, args[i]!)) return false;
        } else if (p.t === "var" && p.name !== "input" && p.name !== "data") {
          const cur = env.get(p.name);
          if (cur === undefined) env.push(p.name, args[i]!);
          else if (!equal(cur, args[i]!)) return false;
        } else break;
      }
      const go = (j: number): boolean => (j === params.length ? k() : this.unifyValue(params[j]!, args[j]!, env, fr, () => go(j + 1)));
      return go(i);
    } finally {
      env.truncate(base);
    }
  }

  private evalPrint(t: Term & { t: "call" }, env: Env, fr: Frame, vk: VK): boolean {
    const parts: string[] = [];
    for (const a of t.args) {
      const vals: Value[] = [];
      try {
        this.evalTerm(a, env, fr, (v) => (vals.push(v), false));
      } catch (e) {
        if (!(e instanceof RegoError) || e.code.startsWith("rego_")) throw e;
      }
      parts.push(vals.length === 0 ? "<undefined>" : vals.map((v) => (typeof v === "string" ? v : regoText(v))).join(" "));
    }
    this.bctx.print(parts.join(" "));
    return vk(true);
  }
}

const LOC: Location = { file: "", row: 0, col: 0 };

/** A term without a value (see Evaluator.direct). */
const NOVALUE = Symbol("novalue");

/** Calls the evaluator handles itself (their arguments or results are not plain values). */
const SPECIAL_CALLS = new Set(["print", "trace", "internal.template_string", "internal.member_2", "internal.member_3"]);

type DirectCall = { op: "equal" | "neq" | "user" | "builtin"; def?: BuiltinDef };
const singleValued = new WeakMap<Term, DirectCall | null>();

/** See Evaluator.directPlan. */
type DirectPlan = { vars: string[]; calls: boolean };
const directPlans = new WeakMap<Term, DirectPlan | null>();

type VarTerm = Term & { t: "var" };

/** A var that unifies by binding (input and data are documents, not bindable vars). */
const plainVar = (t: Term): boolean => t.t === "var" && t.name !== "input" && t.name !== "data";

const isLiteral = (t: Term): boolean => t.t === "array" || t.t === "object" || t.t === "set";

/**
 * Name lookups that depend on the compiled program only, shared by all its evaluations (a policy stage
 * runs one evaluation per workload).
 */
const lookupsByProgram = new WeakMap<
  CompiledModules,
  { funcNodes: Map<string, RuleNode | undefined>; arities: Map<string, number | undefined>; shared: Map<number, SharedMemo | null> }
>();

function programLookups(c: CompiledModules) {
  let l = lookupsByProgram.get(c);
  if (l === undefined) lookupsByProgram.set(c, (l = { funcNodes: new Map(), arities: new Map(), shared: new Map() }));
  return l;
}

const inputArgLists = new WeakMap<Term, Term[]>();

/** The input arguments of a call written with its output argument (`f(x, out)`), once per call term. */
function inputArgs(t: Term & { t: "call" }, arity: number): Term[] {
  let ins = inputArgLists.get(t);
  if (ins === undefined) inputArgLists.set(t, (ins = t.args.slice(0, arity)));
  return ins;
}

const flats = new WeakMap<Term, Term[]>();

/** An object literal's keys and values as one list (k0, v0, k1, v1, …), built once per literal. */
function flatItems(t: Term & { t: "object" }): Term[] {
  let flat = flats.get(t);
  if (flat === undefined) {
    flat = [];
    for (const [a, b] of t.items) flat.push(a, b);
    flats.set(t, flat);
  }
  return flat;
}

const constants = new WeakMap<Term, Value | null>();

/** Value of a ground composite literal, built once and shared (Values are immutable once built). */
function constantValue(t: Term): Value | undefined {
  let c = constants.get(t);
  if (c === undefined) {
    c = isGround(t) ? build(t) : null;
    constants.set(t, c);
  }
  return c === null ? undefined : c;
}

function build(t: Term): Value {
  switch (t.t) {
    case "scalar":
      return t.v;
    case "array":
      return t.items.map(build);
    case "set":
      return new RSet(t.items.map(build));
    case "object":
      return new RObject(t.items.map(([k, v]) => [build(k), build(v)] as [Value, Value]));
    default:
      throw new Error("not a constant");
  }
}

/** Infix operators are left alone: only named calls get their arguments hoisted out of `not`. */
const OPERATORS = new Set(["equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem", "and", "or", "internal.member_2", "internal.member_3"]);

const hoisted = new WeakMap<Expr, Term[]>();

/** The terms OPA's compiler moves in front of a negated expression (see evalExpr); computed once per expression. */
function hoistedUnderNot(e: Expr): Term[] {
  let h = hoisted.get(e);
  if (h === undefined) hoisted.set(e, (h = computeHoisted(e)));
  return h;
}

function computeHoisted(e: Expr): Term[] {
  if (e.kind.k !== "term") return [];
  const t = e.kind.term;
  const dynamic = (x: Term) => x.t === "ref" || x.t === "call";
  if (t.t === "call") return OPERATORS.has(t.name) ? [] : t.args.filter(dynamic);
  if (t.t === "ref") return [...(t.head.t === "call" ? [t.head] : []), ...t.path.filter(dynamic)];
  return [];
}
