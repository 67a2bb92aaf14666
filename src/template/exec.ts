/**
 * Tree-walking executor with Go text/template semantics on JS values
 * (see values.ts for the value model).
 */
import type {
  ArgNode, ChainNode, CommandNode, IdentifierNode, Node, PipeNode, VariableNode,
} from "./ast.js";
import { nodeString } from "./ast.js";
import { ExecFault } from "./errors.js";
import type { CallContext, FuncDef, ParamType } from "./funcs.js";
import { formatValue } from "./format.js";
import { BudgetError, MAX_OUTPUT_CHARS, MAX_STEPS, MAX_VALUE_CHARS } from "./budget.js";
import { goTypeName, hasOwn, isMap, isTrue, kindOf, sortedKeys } from "./values.js";

export type MissingKey = "default" | "invalid" | "zero" | "error";

/** Marks "no piped value" (Go's missingVal), distinct from undefined = invalid value. */
const NONE: unique symbol = Symbol("none");
type Final = unknown | typeof NONE;

const MAX_DEPTH = 1000;

export interface ExecEnv {
  funcs: Map<string, FuncDef>;
  defines: Map<string, Node[]>;
  missingKey: MissingKey;
  ctx: CallContext;
}

/** Error raised at a node; the public layer turns it into a positioned TemplateError. */
export class NodeFault extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    readonly context: string,
    readonly failMessage?: string,
  ) {
    super(reason);
  }
}

type Signal = "break" | "continue" | null;

interface Var {
  name: string;
  value: unknown;
}

/**
 * Budgets: a provisioner template is run on every compile (and in the editor on every keystroke); a hostile
 * or runaway one (`{{ range 100000000000 }}`) must fail with an error, not exhaust memory or hang.
 */
// The figures live in budget.ts; every range iteration counts as a step (an empty body included).

export class Executor {
  private vars: Var[] = [];
  private out: string[] = [];
  private outChars = 0;
  private steps = 0;
  private depth = 0;
  /** The node being evaluated; its text is only built when a fault needs it. */
  private atRef: ArgNode | CommandNode | { pos: number; text: string } | undefined;

  constructor(private readonly env: ExecEnv) {}

  run(root: Node[], data: unknown): string {
    this.vars = [{ name: "$", value: data }];
    this.walkList(data, root);
    return this.out.join("");
  }

  /**
   * For a root of text and value actions only: each node's output, one piece per node in order (a text
   * prints its text, an action its value), with the budgets of `run`.
   */
  runPieces(root: Node[], data: unknown): string[] {
    this.vars = [{ name: "$", value: data }];
    this.walkList(data, root);
    return this.out;
  }

  private at(n: ArgNode | CommandNode): void {
    this.atRef = n;
  }

  private get atNode(): { pos: number; text: string } {
    const r = this.atRef;
    if (!r) return { pos: 0, text: "" };
    return "text" in r && typeof r.text === "string" && !("type" in r) ? r : { pos: r.pos, text: nodeString(r as ArgNode | CommandNode) };
  }

  private set atNode(v: { pos: number; text: string }) {
    this.atRef = v;
  }

  private fault(msg: string, failMessage?: string): never {
    const at = this.atNode;
    throw new NodeFault(msg, at.pos, at.text, failMessage);
  }

  private emit(s: string): void {
    this.outChars += s.length;
    if (this.outChars > MAX_OUTPUT_CHARS) this.fault(`template output exceeds ${MAX_OUTPUT_CHARS} characters`);
    this.out.push(s);
  }

  private walkList(dot: unknown, list: Node[]): Signal {
    for (const n of list) {
      const sig = this.walk(dot, n);
      if (sig) return sig;
    }
    return null;
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) this.fault(`template exceeded its budget of ${MAX_STEPS} steps`);
  }

  private walk(dot: unknown, n: Node): Signal {
    this.tick();
    switch (n.type) {
      case "text":
        this.emit(n.text);
        return null;
      case "action": {
        const v = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.printValue(v);
        return null;
      }
      case "if":
      case "with": {
        const mark = this.vars.length;
        try {
          const v = this.evalPipeline(dot, n.pipe);
          if (isTrue(v)) return this.walkList(n.type === "with" ? v : dot, n.list);
          if (n.elseList) return this.walkList(dot, n.elseList);
          return null;
        } finally {
          this.vars.length = mark;
        }
      }
      case "range":
        return this.walkRange(dot, n);
      case "template":
        return this.walkTemplate(dot, n);
      case "break":
        return "break";
      case "continue":
        return "continue";
    }
  }

  private walkRange(dot: unknown, n: Extract<Node, { type: "range" }>): Signal {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, n.pipe);
      const mark2 = this.vars.length;
      const one = (key: unknown, elem: unknown): Signal => {
        if (n.pipe.decl.length > 0) {
          if (n.pipe.isAssign) {
            if (n.pipe.decl.length > 1) {
              this.setVar(n.pipe.decl[0]!.ident[0]!, key);
              this.setVar(n.pipe.decl[1]!.ident[0]!, elem);
            } else this.setVar(n.pipe.decl[0]!.ident[0]!, elem);
          } else {
            this.vars[this.vars.length - 1]!.value = elem;
            if (n.pipe.decl.length > 1) this.vars[this.vars.length - 2]!.value = key;
          }
        }
        this.tick();
        try {
          const sig = this.walkList(elem, n.list);
          return sig === "break" ? "break" : null;
        } finally {
          this.vars.length = mark2;
        }
      };
      switch (kindOf(val)) {
        case "slice": {
          const arr = val as unknown[];
          if (arr.length === 0) break;
          for (let i = 0; i < arr.length; i++) if (one(i, arr[i]) === "break") break;
          return null;
        }
        case "map": {
          const m = val as Record<string, unknown>;
          const keys = sortedKeys(m);
          if (keys.length === 0) break;
          for (const k of keys) if (one(k, m[k]) === "break") break;
          return null;
        }
        case "int": {
          if (n.pipe.decl.length > 1) this.fault(`can't use ${formatValue(val)} to iterate over more than one variable`);
          const count = Number(val);
          if (count <= 0) break;
          for (let i = 0; i < count; i++) {
            // Go 1.22: the single variable (and dot) take the successive integers.
            if (n.pipe.decl.length === 1 && !n.pipe.isAssign) this.vars[this.vars.length - 1]!.value = i;
            else if (n.pipe.decl.length === 1) this.setVar(n.pipe.decl[0]!.ident[0]!, i);
            let sig: Signal;
            this.tick();
            try {
              sig = this.walkList(i, n.list);
            } finally {
              this.vars.length = mark2;
            }
            if (sig === "break") break;
          }
          return null;
        }
        case "invalid":
        case "nil":
          break; // Go: a nil value ranges like an empty collection.
        default:
          this.fault(`range can't iterate over ${formatValue(val)}`);
      }
      if (n.elseList) return this.walkList(dot, n.elseList);
      return null;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: unknown, n: Extract<Node, { type: "template" }>): Signal {
    const body = this.env.defines.get(n.name);
    if (!body) {
      this.atNode = { pos: n.pos, text: `template "${n.name}"` };
      this.fault(`template: no template ${JSON.stringify(n.name)} associated with template`);
    }
    const newDot = n.pipe ? this.evalPipeline(dot, n.pipe) : undefined;
    if (++this.depth > MAX_DEPTH) {
      this.atNode = { pos: n.pos, text: `template "${n.name}"` };
      this.fault(`exceeded maximum template depth (${MAX_DEPTH})`);
    }
    const saved = this.vars;
    this.vars = [{ name: "$", value: newDot }];
    try {
      this.walkList(newDot, body);
    } finally {
      this.vars = saved;
      this.depth--;
    }
    return null;
  }

  private printValue(v: unknown): void {
    if (v === undefined || v === null) {
      // Go prints an invalid value (missing key, nil interface) as "<no value>".
      this.emit("<no value>");
      return;
    }
    if (typeof v === "function") this.fault(`can't print ${this.atNode.text} of type ${goTypeName(v)}`);
    let text: string;
    try {
      text = formatValue(v);
    } catch (e) {
      if (e instanceof BudgetError) this.fault(e.message);
      throw e;
    }
    this.emit(text);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.fault(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.fault(`undefined variable: ${name}`);
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: Final = NONE;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go unwraps interface values between commands: a nil interface becomes invalid.
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== NONE) this.fault(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    this.at(first);
    switch (first.type) {
      case "field":
        return this.evalFieldChain(dot, first.ident, cmd.args, final);
      case "chain":
        return this.evalChain(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariable(first, cmd.args, final);
    }
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool": return first.val;
      case "dot": return dot;
      case "nil": this.fault("nil is not a command");
      // eslint-disable-next-line no-fallthrough
      case "number": return first.isInt ? Number(first.int) : first.float;
      case "string": return first.text;
    }
    this.fault(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private evalChain(dot: unknown, chain: ChainNode, args: ArgNode[], final: Final): unknown {
    if (chain.node.type === "nil") this.fault(`indirection through explicit nil in ${nodeString(chain)}`);
    const recv = this.evalArg(dot, chain.node);
    this.at(chain);
    return this.evalFieldChain(recv, chain.field, args, final);
  }

  private evalVariable(v: VariableNode, args: ArgNode[], final: Final): unknown {
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, v.ident.slice(1), args, final);
  }

  private evalFieldChain(receiver: unknown, ident: string[], args: ArgNode[], final: Final): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(ident[i]!, [], NONE, receiver);
    return this.evalField(ident[n - 1]!, args, final, receiver);
  }

  private evalField(name: string, args: ArgNode[], final: Final, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.env.missingKey === "error") this.fault(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null) this.fault(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = args.length > 1 || final !== NONE;
    if (isMap(receiver)) {
      const member = hasOwn(receiver, name) ? receiver[name] : undefined;
      if (hasArgs) this.fault(`${name} is not a method but has arguments`);
      if (!hasOwn(receiver, name)) {
        switch (this.env.missingKey) {
          case "error":
            this.fault(`map has no entry for key ${JSON.stringify(name)}`);
          // eslint-disable-next-line no-fallthrough
          case "zero":
            return null; // zero value of interface{}: nil
          default:
            return undefined;
        }
      }
      return member;
    }
    this.fault(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, args: ArgNode[], final: Final): unknown {
    const name = node.ident;
    if (name === "and" || name === "or") return this.evalAndOr(dot, name, args, final);
    const fn = this.env.funcs.get(name);
    if (!fn) this.fault(`${JSON.stringify(name)} is not a defined function`);
    return this.callFunc(dot, name, fn, args, final);
  }

  /** and/or evaluate their arguments lazily and return the deciding value (Go ≥ 1.18). */
  private evalAndOr(dot: unknown, name: string, args: ArgNode[], final: Final): unknown {
    const n = args.length - 1 + (final !== NONE ? 1 : 0);
    if (n < 1) this.fault(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: unknown;
    for (let i = 1; i <= n; i++) {
      v = i < args.length ? this.evalArg(dot, args[i]!) : final;
      if (v === undefined) v = null;
      if (isTrue(v) === (name === "or")) return v;
    }
    return v;
  }

  private callFunc(dot: unknown, name: string, fn: FuncDef, args: ArgNode[], final: Final): unknown {
    // args[0] is the function's name; its arguments follow (and the piped value, if any, comes last).
    const numIn = args.length - 1 + (final !== NONE ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic !== undefined) {
      if (numIn < fixed) this.fault(`wrong number of args for ${name}: want at least ${fixed} got ${numIn}`);
    } else if (numIn !== fixed) {
      this.fault(`wrong number of args for ${name}: want ${fixed} got ${numIn}`);
    }
    const callAt = this.atRef;
    const values: unknown[] = new Array(numIn);
    for (let i = 0; i < args.length - 1; i++) {
      const a = args[i + 1]!;
      values[i] = this.checkType(this.evalArg(dot, a), i < fixed ? fn.params[i]! : fn.variadic!, a);
    }
    this.atRef = callAt;
    if (final !== NONE) values[numIn - 1] = this.checkType(final, numIn - 1 < fixed ? fn.params[numIn - 1]! : fn.variadic!, null);
    let result: unknown;
    this.tick();
    try {
      result = fn.fn.apply(this.env.ctx, values);
    } catch (e) {
      if (e instanceof NodeFault) throw e;
      if (e instanceof BudgetError) {
        this.atRef = callAt;
        this.fault(e.message);
      }
      this.atRef = callAt;
      const msg = e instanceof Error ? e.message : String(e);
      this.fault(`error calling ${name}: ${msg}`, e instanceof ExecFault ? e.failMessage : undefined);
    }
    if (result instanceof Error) {
      this.atRef = callAt;
      this.fault(`error calling ${name}: ${result.message}`);
    }
    if (typeof result === "string" && result.length > MAX_VALUE_CHARS) {
      this.atRef = callAt;
      this.fault(`${name} built a string of ${result.length} characters, over the template budget of ${MAX_VALUE_CHARS}`);
    }
    return result;
  }

  /** Go's validateType: converts/rejects an argument for a typed parameter. */
  private checkType(v: unknown, t: ParamType, node: ArgNode | null): unknown {
    if (node) this.at(node);
    if (t === "any") return v === undefined ? null : v;
    if (v === undefined) {
      if (t === "map" || t === "list") return null;
      this.fault(`invalid value; expected ${goParamName(t)}`);
    }
    const k = kindOf(v);
    const ok =
      (t === "string" && k === "string") ||
      (t === "int" && k === "int") ||
      (t === "float" && (k === "float" || k === "int")) ||
      (t === "bool" && k === "bool") ||
      (t === "map" && (k === "map" || k === "nil")) ||
      (t === "list" && (k === "slice" || k === "nil"));
    if (!ok) {
      if (v === null) this.fault(`cannot assign nil to ${goParamName(t)}`);
      this.fault(`wrong type for value; expected ${goParamName(t)}; got ${goTypeName(v)}`);
    }
    return v;
  }

  /** Evaluates an argument (not a command head). */
  private evalArg(dot: unknown, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case "dot": return dot;
      case "nil": return null;
      case "field": return this.evalFieldChain(dot, n.ident, [n], NONE);
      case "variable": return this.evalVariable(n, [n], NONE);
      case "pipe": return this.evalPipeline(dot, n);
      case "identifier": return this.evalFunction(dot, n, [n], NONE);
      case "chain": return this.evalChain(dot, n, [n], NONE);
      case "bool": return n.val;
      case "number": return n.isInt ? Number(n.int) : n.float;
      case "string": return n.text;
    }
  }
}

function goParamName(t: ParamType): string {
  switch (t) {
    case "map": return "map[string]interface {}";
    case "list": return "[]interface {}";
    case "float": return "float64";
    case "any": return "interface {}";
    default: return t;
  }
}
