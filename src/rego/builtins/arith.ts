// Arithmetic operators and numeric builtins (`+ - * / %`, abs, round, ceil, floor, numbers.range*, bits.*).
import { RegoError } from "../errors.js";
import { RSet, num, type Value } from "../value.js";
import { anyOf, arrayOf, def, fail, numArg, operandErr, typeErr } from "./args.js";
import { add, big, div, float, isInt, isZero, mul, sub, type Num } from "./numeric.js";
import type { BuiltinDef } from "./types.js";

function nums(name: string, args: Value[]): [Num, Num] {
  return [numArg(name, args, 0), numArg(name, args, 1)];
}

/** Integer operand for bits.* and friends. */
function intArg(name: string, args: Value[], i: number): bigint {
  const n = numArg(name, args, i);
  if (!isInt(n)) throw typeErr(name, i + 1, ["integer"], args[i]!);
  return big(n);
}

function roundHalfAway(n: number): number {
  // Go's math.Round rounds halves away from zero; JS Math.round rounds them up.
  return n < 0 ? -Math.round(-n) || 0 : Math.round(n);
}

const MAX_RANGE = 10_000_000n;

function range(name: string, a: Num, b: Num, step: Num): Value[] {
  if (!isInt(a)) throw operandErr(name, 1, "must be integer number but got floating-point number");
  if (!isInt(b)) throw operandErr(name, 2, "must be integer number but got floating-point number");
  const out: Value[] = [];
  const x = big(a);
  const y = big(b);
  const s = big(step);
  // The evaluator's step budget does not reach inside a builtin: refuse a range that would exhaust memory.
  // A budget error (never a quiet undefined), positioned at the call by the evaluator.
  if ((x <= y ? y - x : x - y) / s > MAX_RANGE) throw new RegoError("eval_budget_exceeded", `${name}: range of more than ${MAX_RANGE} numbers`);
  if (x <= y) for (let i = x; i <= y; i += s) out.push(num(i));
  else for (let i = x; i >= y; i -= s) out.push(num(i));
  return out;
}

export const arithBuiltins: BuiltinDef[] = [
  def("plus", ["number", "number"], "number", (args) => {
    const [a, b] = nums("plus", args);
    return add(a, b);
  }),
  def("minus", [anyOf("number", "set"), anyOf("number", "set")], anyOf("number", "set"), (args) => {
    const a = args[0]!;
    const b = args[1]!;
    const aNum = typeof a === "number" || typeof a === "bigint";
    const bNum = typeof b === "number" || typeof b === "bigint";
    if (a instanceof RSet && b instanceof RSet) {
      const out = new RSet();
      for (const x of a) if (!b.has(x)) out.add(x);
      return out;
    }
    // OPA's messages: operand 2 is named "set" only when operand 1 is a set and operand 2 a number.
    if (!aNum && !(a instanceof RSet)) throw typeErr("minus", 1, ["number", "set"], a);
    if (!aNum || !bNum) throw typeErr("minus", 2, [bNum ? "set" : "number"], b);
    return sub(a as number | bigint, b as number | bigint);
  }),
  def("mul", ["number", "number"], "number", (args) => {
    const [a, b] = nums("mul", args);
    return mul(a, b);
  }),
  def("div", ["number", "number"], "number", (args) => {
    const [a, b] = nums("div", args);
    if (isZero(b)) throw fail("div", "divide by zero");
    return div(a, b);
  }),
  def("rem", ["number", "number"], "number", (args) => {
    const [a, b] = nums("rem", args);
    if (!isInt(a) || !isInt(b)) throw fail("rem", "modulo on floating-point number");
    if (isZero(b)) throw fail("rem", "modulo by zero");
    if (typeof a === "number" && typeof b === "number") return a % b === 0 ? 0 : a % b;
    return num(big(a) % big(b));
  }),
  def("abs", ["number"], "number", (args) => {
    const a = numArg("abs", args, 0);
    return typeof a === "bigint" ? num(a < 0n ? -a : a) : Math.abs(a);
  }),
  def("round", ["number"], "number", (args) => {
    const a = numArg("round", args, 0);
    return isInt(a) ? a : roundHalfAway(a as number);
  }),
  def("ceil", ["number"], "number", (args) => {
    const a = numArg("ceil", args, 0);
    return isInt(a) ? a : Math.ceil(a as number) || 0;
  }),
  def("floor", ["number"], "number", (args) => {
    const a = numArg("floor", args, 0);
    return isInt(a) ? a : Math.floor(a as number);
  }),
  def("numbers.range", ["number", "number"], arrayOf("number"), (args) => {
    const [a, b] = nums("numbers.range", args);
    return range("numbers.range", a, b, 1);
  }),
  def("numbers.range_step", ["number", "number", "number"], arrayOf("number"), (args) => {
    const [a, b] = nums("numbers.range_step", args);
    const s = numArg("numbers.range_step", args, 2);
    // OPA's message already names the builtin and its error wrapper prefixes the name again.
    if (!isInt(s) || float(s) <= 0) throw fail("numbers.range_step", "numbers.range_step: step must be a positive integer");
    return range("numbers.range_step", a, b, s);
  }),
  def("bits.or", ["number", "number"], "number", (args) => num(intArg("bits.or", args, 0) | intArg("bits.or", args, 1))),
  def("bits.and", ["number", "number"], "number", (args) => num(intArg("bits.and", args, 0) & intArg("bits.and", args, 1))),
  def("bits.xor", ["number", "number"], "number", (args) => num(intArg("bits.xor", args, 0) ^ intArg("bits.xor", args, 1))),
  def("bits.negate", ["number"], "number", (args) => num(~intArg("bits.negate", args, 0))),
  def("bits.lsh", ["number", "number"], "number", (args) => {
    const a = intArg("bits.lsh", args, 0);
    const s = intArg("bits.lsh", args, 1);
    if (s < 0n) throw fail("bits.lsh", "operand 2 must be an unsigned integer number but got a negative integer");
    return num(a << s);
  }),
  def("bits.rsh", ["number", "number"], "number", (args) => {
    const a = intArg("bits.rsh", args, 0);
    const s = intArg("bits.rsh", args, 1);
    if (s < 0n) throw fail("bits.rsh", "operand 2 must be an unsigned integer number but got a negative integer");
    return num(a >> s);
  }),
];

