// regex.globs_match: do two "glob-style" regular expressions (chars, `.`, classes, `*` `+` `?`) share a string?
// Each pattern becomes a token list; a search over pairs of positions decides whether both can consume the
// same string to the end. `x+` is rewritten as `x x*`.
import { def, fail, str } from "./args.js";
import type { BuiltinDef } from "./types.js";

type Ranges = [number, number][];
interface Tok {
  set: Ranges;
  rep: "one" | "star" | "opt";
}

const MAX = 0x10ffff;

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let lo = 0;
  for (const [a, b] of [...r].sort((x, y) => x[0] - y[0])) {
    if (a > lo) out.push([lo, a - 1]);
    lo = Math.max(lo, b + 1);
  }
  if (lo <= MAX) out.push([lo, MAX]);
  return out;
}

function intersects(x: Ranges, y: Ranges): boolean {
  return x.some(([a, b]) => y.some(([c, d]) => a <= d && c <= b));
}

function parse(p: string): Tok[] {
  const cps = Array.from(p);
  const toks: Tok[] = [];
  let i = 0;
  // Messages in the wording of the glob-intersection library OPA uses.
  const bad = (pos: number, what: string) => new Error(`input:${p}, pos:${pos}, ${what}: the input provided is invalid`);
  const esc = (): number => {
    if (i + 1 >= cps.length) throw bad(i, "input ends with a \\\\ (escape) character");
    i += 2;
    return cps[i - 1]!.codePointAt(0)!;
  };
  while (i < cps.length) {
    const c = cps[i]!;
    let set: Ranges;
    if (c === "\\") {
      const cp = esc();
      set = [[cp, cp]];
    } else if (c === ".") {
      set = [[0, MAX]];
      i++;
    } else if (c === "[") {
      i++;
      let neg = false;
      if (cps[i] === "^") {
        neg = true;
        i++;
      }
      const rs: Ranges = [];
      let closed = false;
      while (i < cps.length) {
        if (cps[i] === "]") {
          closed = true;
          i++;
          break;
        }
        const lo = cps[i] === "\\" ? esc() : cps[i++]!.codePointAt(0)!;
        let hi = lo;
        if (cps[i] === "-" && cps[i + 1] !== undefined && cps[i + 1] !== "]") {
          i++;
          hi = cps[i] === "\\" ? esc() : cps[i++]!.codePointAt(0)!;
          if (hi < lo)
            throw bad(i, `range is out of order: '${String.fromCodePoint(hi)}' comes before '${String.fromCodePoint(lo)}' in Unicode`);
        }
        rs.push([lo, hi]);
      }
      if (!closed) throw bad(cps.length, "found [ without matching ]");
      set = neg ? complement(rs) : rs;
    } else if (c === "]") {
      throw bad(i + 1, "set-close ']' with no preceding '['");
    } else if (c === "*" || c === "+" || c === "?") {
      throw bad(i + 1, `'${c}' with nothing to repeat`);
    } else {
      const cp = c.codePointAt(0)!;
      set = [[cp, cp]];
      i++;
    }
    const q = cps[i];
    if (q === "*") {
      toks.push({ set, rep: "star" });
      i++;
    } else if (q === "+") {
      toks.push({ set, rep: "one" }, { set, rep: "star" });
      i++;
    } else if (q === "?") {
      toks.push({ set, rep: "opt" });
      i++;
    } else toks.push({ set, rep: "one" });
  }
  return toks;
}

export function globsIntersect(p1: string, p2: string): boolean {
  const a = parse(p1);
  const b = parse(p2);
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  const W = b.length + 1;
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const k = i * W + j;
    if (seen.has(k)) continue;
    seen.add(k);
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (x && x.rep !== "one") stack.push([i + 1, j]);
    if (y && y.rep !== "one") stack.push([i, j + 1]);
    if (x && y && intersects(x.set, y.set)) {
      const ni = x.rep === "star" ? [i, i + 1] : [i + 1];
      const nj = y.rep === "star" ? [j, j + 1] : [j + 1];
      for (const p of ni) for (const q of nj) stack.push([p, q]);
    }
  }
  return false;
}

export const globsBuiltins: BuiltinDef[] = [
  def("regex.globs_match", ["string", "string"], "boolean", (args) => {
    const a = str("regex.globs_match", args, 0);
    const b = str("regex.globs_match", args, 1);
    try {
      return globsIntersect(a, b);
    } catch (e) {
      throw fail("regex.globs_match", (e as Error).message);
    }
  }),
];
