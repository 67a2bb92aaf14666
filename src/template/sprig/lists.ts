/** sprig list functions. */
import { def, type FuncDef } from "../funcs.js";
import { goTypeName } from "../values.js";
import { deepEqual, empty, requireList, strslice } from "./convert.js";

/** Longest list until/untilStep/seq build: past it a template is runaway, not a provisioner. */
const MAX_ITEMS = 1_000_000;

function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step === 0) return out;
  if (Math.abs((stop - start) / step) > MAX_ITEMS) throw new Error(`list of more than ${MAX_ITEMS} items`);
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

function seq(...p: unknown[]): string {
  const n = p as number[];
  let r: number[];
  switch (n.length) {
    case 1: {
      const inc = n[0]! < 1 ? -1 : 1;
      r = untilStep(1, n[0]! + inc, inc);
      break;
    }
    case 2: {
      const step = n[1]! < n[0]! ? -1 : 1;
      r = untilStep(n[0]!, n[1]! + step, step);
      break;
    }
    case 3: {
      let inc = 1;
      if (n[2]! < n[0]!) {
        inc = -1;
        if (n[1]! > 0) return "";
      }
      r = untilStep(n[0]!, n[2]! + inc, n[1]!);
      break;
    }
    default:
      return "";
  }
  return r.join(" ");
}

const list = (what: string, f: (l: unknown[], ...rest: unknown[]) => unknown) =>
  (l: unknown, ...rest: unknown[]): unknown => {
    const arr = requireList(l, what);
    return arr === null ? null : f(arr, ...rest);
  };

export const LIST_FUNCS: Record<string, FuncDef> = {
  list: def([], (...a) => [...a], "any"),
  tuple: def([], (...a) => [...a], "any"),
  first: def(["any"], list("find first", (l) => (l.length ? l[0] : null))),
  last: def(["any"], list("find last", (l) => (l.length ? l[l.length - 1] : null))),
  rest: def(["any"], list("find rest", (l) => (l.length ? l.slice(1) : null))),
  initial: def(["any"], list("find initial", (l) => (l.length ? l.slice(0, -1) : null))),
  append: def(["any", "any"], (l, v) => {
    if (!Array.isArray(l)) throw new Error(`Cannot push on type ${goTypeName(l)}`);
    return [...l, v];
  }),
  push: def(["any", "any"], (l, v) => {
    if (!Array.isArray(l)) throw new Error(`Cannot push on type ${goTypeName(l)}`);
    return [...l, v];
  }),
  prepend: def(["any", "any"], (l, v) => {
    if (!Array.isArray(l)) throw new Error(`Cannot prepend on type ${goTypeName(l)}`);
    return [v, ...l];
  }),
  concat: def([], (...ls) => {
    const out: unknown[] = [];
    for (const l of ls) {
      if (!Array.isArray(l)) throw new Error(`Cannot concat type ${goTypeName(l)} as list`);
      out.push(...l);
    }
    return out;
  }, "any"),
  reverse: def(["any"], list("find reverse", (l) => [...l].reverse())),
  uniq: def(["any"], list("find uniq", (l) => {
    const out: unknown[] = [];
    for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  })),
  compact: def(["any"], list("compact", (l) => l.filter((x) => !empty(x)))),
  without: def(["any"], (l, ...omit) => {
    const arr = requireList(l, "find without");
    return arr === null ? null : arr.filter((x) => !omit.some((o) => deepEqual(x, o)));
  }, "any"),
  has: def(["any", "any"], (needle, hay) => {
    if (hay === null || hay === undefined) return false;
    if (!Array.isArray(hay)) throw new Error(`Cannot find has on type ${goTypeName(hay)}`);
    return hay.some((x) => deepEqual(x, needle));
  }),
  sortAlpha: def(["any"], (l) => {
    const s = Array.isArray(l) ? strslice(l) : strslice(l);
    return s.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }),
  slice: def(["any"], (l, ...idx) => {
    // sprig's slice replaces Go's builtin: lists only.
    if (!Array.isArray(l)) throw new Error(`list should be type of slice or array but ${goTypeName(l)}`);
    const arr = l;
    const [a, b] = idx as number[];
    return arr.slice(a ?? 0, b ?? arr.length);
  }, "any"),
  chunk: def(["int", "any"], (size, l) => {
    const arr = requireList(l, "chunk") ?? [];
    const n = size as number;
    const out: unknown[][] = [];
    for (let i = 0; i < arr.length; i += n) out.push(arr.slice(i, i + n));
    return out;
  }),
  until: def(["int"], (n) => untilStep(0, n as number, (n as number) < 0 ? -1 : 1)),
  untilStep: def(["int", "int", "int"], (a, b, c) => untilStep(a as number, b as number, c as number)),
  seq: def([], seq, "int"),
};
