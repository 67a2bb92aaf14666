// The rule index: a tree keyed by document path (package segments, then rule-head segments).
import type { Annotations, Expr, Term } from "./ast.js";
import type { Location } from "./errors.js";
import { mapKey, type Value } from "./value.js";

export interface CElse {
  value?: Term;
  body: Expr[];
  loc: Location;
}

/** A compiled rule. `path` is its ground document path (package + ground head prefix). */
export interface CRule {
  id: number;
  pkg: Value[];
  path: Value[];
  /** Head ref terms after the ground prefix (`p[x].y[z]`): these build an object under `path`. */
  suffix: Term[];
  kind: "complete" | "set" | "func";
  isDefault: boolean;
  args?: Term[];
  key?: Term;
  value?: Term;
  body: Expr[];
  elses: CElse[];
  loc: Location;
  annotations: Annotations[];
  name: string; // rule name as written (first head segment)
  /**
   * Value and every `else` value ground: one solution settles the rule, as in OPA. Fixed at compile time
   * so the evaluator reads a field per rule call rather than looking the fact up.
   */
  constant: boolean;
  /** The body and its `else` clauses in order, each with the `true` a value-less clause yields. */
  clauses: CClause[];
}

/** One clause of a rule as the evaluator runs it (the rule's own body first, then its `else` clauses). */
export interface CClause {
  value?: Term;
  body: Expr[];
  loc: Location;
  trueTerm: Term;
}

let nodeIds = 0;

export class RuleNode {
  readonly id = nodeIds++;
  readonly children = new Map<string, { key: Value; node: RuleNode }>();
  readonly rules: CRule[] = [];
  readonly defaults: CRule[] = [];
  readonly funcs: CRule[] = [];
  readonly funcDefaults: CRule[] = [];
  isPackage = false;
  constructor(readonly path: Value[]) {}

  child(k: Value): RuleNode | undefined {
    return this.children.get(mapKey(k))?.node;
  }
  ensure(k: Value): RuleNode {
    const kk = mapKey(k);
    let c = this.children.get(kk);
    if (!c) {
      c = { key: k, node: new RuleNode([...this.path, k]) };
      this.children.set(kk, c);
    }
    return c.node;
  }
  get hasRules(): boolean {
    return this.rules.length > 0 || this.defaults.length > 0;
  }
  get isFunc(): boolean {
    return this.funcs.length > 0 || this.funcDefaults.length > 0;
  }
  lookup(path: Value[]): RuleNode | undefined {
    let n: RuleNode | undefined = this;
    for (const p of path) {
      n = n.child(p);
      if (!n) return undefined;
    }
    return n;
  }
}

export function pathText(path: Value[]): string {
  let s = "data";
  for (const p of path) s += typeof p === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? "." + p : `[${JSON.stringify(p)}]`;
  return s;
}
