// Compile-time recursion check: OPA rejects rules and functions that depend on themselves.
import type { Expr, Term } from "./ast.js";
import { RegoError } from "./errors.js";
import { CRule, RuleNode, pathText } from "./ruletree.js";
import type { Value } from "./value.js";

/**
 * Rule nodes a data path can reach: the rule node it enters, or every rule node below it. `undefined` path
 * elements (non-constant keys) can match any child.
 */
function targets(root: RuleNode, path: (Value | undefined)[], out: Set<RuleNode>, i = 0): void {
  const n = root;
  if (n.hasRules || n.isFunc) {
    out.add(n);
    return;
  }
  if (i === path.length) {
    const all = (x: RuleNode) => {
      if (x.hasRules || x.isFunc) out.add(x);
      for (const c of x.children.values()) all(c.node);
    };
    all(n);
    return;
  }
  const p = path[i];
  if (p === undefined) {
    for (const c of n.children.values()) targets(c.node, path, out, i + 1);
    return;
  }
  const c = n.child(p);
  if (c) targets(c, path, out, i + 1);
}

function termDeps(root: RuleNode, t: Term, out: Set<RuleNode>): void {
  switch (t.t) {
    case "ref": {
      if (t.head.t === "var" && t.head.name === "data") {
        const path = t.path.map((p) => (p.t === "scalar" ? p.v : undefined));
        targets(root, path, out);
      } else termDeps(root, t.head, out);
      for (const p of t.path) termDeps(root, p, out);
      return;
    }
    case "var":
      if (t.name === "data") targets(root, [], out);
      return;
    case "array":
    case "set":
      for (const x of t.items) termDeps(root, x, out);
      return;
    case "object":
      for (const [k, v] of t.items) {
        termDeps(root, k, out);
        termDeps(root, v, out);
      }
      return;
    case "call":
      if (t.name.startsWith("data.")) targets(root, funcPaths.get(t.name) ?? t.name.split(".").slice(1), out);
      for (const a of t.args) termDeps(root, a, out);
      return;
    case "acompr":
    case "scompr":
      termDeps(root, t.head, out);
      bodyDeps(root, t.body, out);
      return;
    case "ocompr":
      termDeps(root, t.key, out);
      termDeps(root, t.value, out);
      bodyDeps(root, t.body, out);
      return;
    default:
      return;
  }
}

function bodyDeps(root: RuleNode, body: Expr[], out: Set<RuleNode>): void {
  for (const e of body) {
    const k = e.kind;
    switch (k.k) {
      case "term":
        termDeps(root, k.term, out);
        break;
      case "unify":
      case "assign":
        termDeps(root, k.a, out);
        termDeps(root, k.b, out);
        break;
      case "somein":
        termDeps(root, k.coll, out);
        break;
      case "every":
        termDeps(root, k.coll, out);
        bodyDeps(root, k.body, out);
        break;
      default:
        break;
    }
    for (const w of e.with) termDeps(root, w.value, out);
  }
}

function ruleDeps(root: RuleNode, r: CRule, out: Set<RuleNode>): void {
  bodyDeps(root, r.body, out);
  for (const t of [r.key, r.value, ...r.suffix]) if (t) termDeps(root, t, out);
  for (const e of r.elses) {
    bodyDeps(root, e.body, out);
    if (e.value) termDeps(root, e.value, out);
  }
}

let funcPaths: Map<string, Value[]> = new Map();

export function checkRecursion(root: RuleNode, rules: CRule[], paths: Map<string, Value[]>): RegoError[] {
  funcPaths = paths;
  const nodeOf = new Map<CRule, RuleNode>();
  for (const r of rules) nodeOf.set(r, root.lookup(r.path)!);
  const edges = new Map<RuleNode, Set<RuleNode>>();
  for (const r of rules) {
    const n = nodeOf.get(r)!;
    let s = edges.get(n);
    if (!s) edges.set(n, (s = new Set()));
    ruleDeps(root, r, s);
  }
  const errors: RegoError[] = [];
  const state = new Map<RuleNode, number>(); // 1 = on stack, 2 = done
  const stack: RuleNode[] = [];
  // Depth-first with an explicit stack of iterators: a rule chain thousands deep (a0 uses a1 uses a2 …)
  // must not overflow the JavaScript stack here.
  const visit = (start: RuleNode): void => {
    const iters: Iterator<RuleNode>[] = [];
    const enter = (n: RuleNode) => {
      state.set(n, 1);
      stack.push(n);
      iters.push((edges.get(n) ?? new Set<RuleNode>()).values());
    };
    enter(start);
    while (iters.length) {
      const step = iters[iters.length - 1]!.next();
      if (step.done) {
        iters.pop();
        state.set(stack.pop()!, 2);
        continue;
      }
      const d = step.value;
      const st = state.get(d);
      if (st === 1) {
        const cycle = stack.slice(stack.indexOf(d)).concat([d]);
        const r = d.rules[0] ?? d.defaults[0] ?? d.funcs[0] ?? d.funcDefaults[0];
        const kind = d.isFunc ? "function" : "rule";
        errors.push(
          new RegoError("rego_recursion_error", `${kind} ${pathText(d.path)} is recursive: ${cycle.map((c) => pathText(c.path)).join(" -> ")}`, r?.loc),
        );
      } else if (st === undefined) enter(d);
    }
  };
  for (const n of edges.keys()) if (!state.has(n)) visit(n);
  return errors;
}
