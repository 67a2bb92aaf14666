/**
 * Go text/template + sprig v3, for rendering Score provisioner templates
 * exactly as score-compose / score-k8s do (`template.New("").Funcs(sprig.FuncMap())`,
 * default missingkey option).
 *
 * Usage:
 *   const t = parseTemplate(src, { name: "init", funcs: { encodeSecretRef } });
 *   const out = t.execute(data, { random: createKeyedRandom(seed, [target, uid, uri, field]) });
 *
 * Randomness: sprig's random functions (randAlphaNum, randAlpha, randNumeric,
 * randAscii, randInt, shuffle, uuidv4) each ask `opts.random` for a fresh,
 * independent keyed stream (key parts + call index + call name). Pass one
 * `createKeyedRandom(seed, keyParts)` per place (scorec: target, resource uid,
 * provisioner uri, field) for reproducible values that never overlap.
 * Without `random`, calling a random function fails.
 *
 * Host independence: `env`/`expandenv` see no variables (return ""/strip them);
 * `now` returns `opts.now` (default 1970-01-01T00:00:00Z).
 *
 * Value model: see values.ts (undefined = missing, integral numbers are ints).
 * `keys`/`values` return keys in sorted order (sprig leaves them unordered).
 */
import { BudgetError } from "./budget.js";
import { BUILTINS } from "./builtins.js";
import { lineCol, TemplateError } from "./errors.js";
import { Executor, NodeFault, type MissingKey } from "./exec.js";
import { userFuncDef, type FuncDef, type UserFunc } from "./funcs.js";
import { NO_RANDOM, type RandomSource } from "./keyed-random.js";
import type { Node } from "./ast.js";
import { parse, ParseFault, type ParseResult } from "./parser.js";
import { SPRIG_FUNCS } from "./sprig/index.js";

export { TemplateError } from "./errors.js";
export { createKeyedRandom, type RandomSource } from "./keyed-random.js";
export type { MissingKey } from "./exec.js";

export interface ParseOptions {
  /** Template name used in error messages (Go's template.New(name)). */
  name?: string;
  /** Extra functions; like Go's Funcs, they override builtins and sprig. */
  funcs?: Record<string, UserFunc>;
}

export interface ExecuteOptions {
  random?: RandomSource;
  /** Functions added/overridden at execution (names must have been known at parse). */
  funcs?: Record<string, UserFunc>;
  /** Go's Option("missingkey=…"); "default"/"invalid" print "<no value>". */
  missingKey?: MissingKey;
  /** The instant `now` returns. */
  now?: Date;
}

export interface Template {
  readonly name: string;
  execute(data: unknown, opts?: ExecuteOptions): string;
  /**
   * Set when the template is literal text and value actions only (`{{ .A | f }}`: no control flow,
   * variables or nested templates): the texts around the actions, one more than there are actions.
   */
  readonly flatTexts?: readonly string[];
  /**
   * For a flat template: what each action prints, in order, so the output is
   * `flatTexts[0] + holes[0] + flatTexts[1] + …` — the same text, budgets and errors as `execute`.
   */
  executeHoles?(data: unknown, opts?: ExecuteOptions): string[];
}

/** Texts around the actions of a root of text and declaration-free actions only, else undefined. */
function flatTextsOf(root: Node[]): string[] | undefined {
  const texts = [""];
  for (const n of root) {
    if (n.type === "text") texts[texts.length - 1] += n.text;
    else if (n.type === "action" && n.pipe.decl.length === 0) texts.push("");
    else return undefined;
  }
  return texts;
}

const STANDARD: Map<string, FuncDef> = new Map(Object.entries({ ...BUILTINS, ...SPRIG_FUNCS }));

/** Names of all functions available without custom additions. */
export function standardFunctionNames(): string[] {
  return [...STANDARD.keys()].sort();
}

function funcTable(extra: Record<string, UserFunc> | undefined, base: Map<string, FuncDef>): Map<string, FuncDef> {
  if (!extra) return base;
  const m = new Map(base);
  for (const [k, f] of Object.entries(extra)) m.set(k, userFuncDef(f));
  return m;
}

export function parseTemplate(text: string, opts: ParseOptions = {}): Template {
  const name = opts.name ?? "";
  const funcs = funcTable(opts.funcs, STANDARD);
  let tree: ParseResult;
  try {
    tree = parse(text, (n) => funcs.has(n));
  } catch (e) {
    if (e instanceof ParseFault) {
      const { line, column } = lineCol(text, e.pos);
      throw new TemplateError({ name, line, column, reason: e.message, phase: "parse" });
    }
    throw e;
  }
  const run = <T>(data: unknown, eopts: ExecuteOptions, how: (ex: Executor) => T): T => {
    const ex = new Executor({
      funcs: funcTable(eopts.funcs, funcs),
      defines: tree.defines,
      missingKey: eopts.missingKey ?? "default",
      ctx: { random: eopts.random ?? NO_RANDOM, now: eopts.now ?? new Date(0) },
    });
    try {
      return how(ex);
    } catch (e) {
      if (e instanceof NodeFault) {
        const { line, column } = lineCol(text, e.pos);
        throw new TemplateError({
          name, line, column, reason: e.reason, phase: "exec", context: e.context,
          ...(e.failMessage !== undefined ? { failMessage: e.failMessage } : {}),
        });
      }
      if (e instanceof BudgetError) {
        throw new TemplateError({ name, line: 1, column: 1, reason: e.message, phase: "exec" });
      }
      if (e instanceof RangeError) {
        throw new TemplateError({ name, line: 1, column: 1, reason: `execution failed: ${e.message}`, phase: "exec" });
      }
      throw e;
    }
  };
  const template: Template = {
    name,
    execute: (data: unknown, eopts: ExecuteOptions = {}): string => run(data, eopts, (ex) => ex.run(tree.root, data)),
  };
  const flatTexts = flatTextsOf(tree.root);
  if (!flatTexts) return template;
  // Which output pieces are actions: every root node prints exactly one piece.
  const actionAt = tree.root.flatMap((n, i) => (n.type === "action" ? [i] : []));
  return {
    ...template,
    flatTexts,
    executeHoles: (data: unknown, eopts: ExecuteOptions = {}): string[] =>
      run(data, eopts, (ex) => {
        const pieces = ex.runPieces(tree.root, data);
        return actionAt.map((i) => pieces[i]!);
      }),
  };
}
