// time.* builtins. Instants are integer nanoseconds since the epoch (OPA's representation).
// Zones: "" and "UTC" are UTC; IANA names go through Intl; "Local" is deliberately UTC so results never
// depend on the host's time zone (scorec's determinism rule).
import { num, typeName, type Value } from "../value.js";
import { anyOf, def, fail, intArgN, operandErr, str, typeErr } from "./args.js";
import { type Civil, NS, UTC, type Zone, fromCivil, ianaZone, longDays, toCivil } from "./civil.js";
import { LayoutParseError, RFC3339, RFC3339Nano, formatLayout, namedLayouts, parseLayout } from "./golayout.js";
import { big, isInt } from "./numeric.js";
import type { BuiltinContext, BuiltinDef } from "./types.js";

const MAX_NS = 9223372036854775807n;
const MIN_NS = -9223372036854775808n;

function zone(name: string, tz: string, ctx: BuiltinContext): Zone {
  if (tz === "" || tz === "UTC" || tz === "Local") return UTC;
  const ck = "tz:" + tz;
  const hit = ctx.cache.get(ck) as Zone | undefined;
  if (hit) return hit;
  const z = ianaZone(tz);
  if (!z) throw fail(name, `unknown time zone ${tz}`);
  ctx.cache.set(ck, z);
  return z;
}

/** OPA's nanosecond operand: an exact integer within int64. */
function nsValue(name: string, v: Value, pos: number): bigint {
  if (typeof v !== "number" && typeof v !== "bigint") throw typeErr(name, pos, ["number"], v);
  if (!isInt(v)) throw fail(name, "timestamp too big");
  const n = big(v);
  if (n > MAX_NS || n < MIN_NS) throw fail(name, "timestamp too big");
  return n;
}

const TIME_OPERAND = "either number (ns) or [number (ns), string (tz)]";

/** `ns`, `[ns]`, `[ns, tz]` or `[ns, tz, layout]` (extra elements are ignored, as in OPA). */
function instant(name: string, v: Value, pos: number, ctx: BuiltinContext): { ns: bigint; zone: Zone; layout?: string } {
  if (Array.isArray(v)) {
    if (v.length === 0) throw operandErr(name, pos, `must be ${TIME_OPERAND} but got array`);
    const ns = nsValue(name, v[0]!, 1);
    let z = UTC;
    if (v.length > 1) {
      const tz = v[1]!;
      if (typeof tz !== "string") throw typeErr(name, 1, ["string"], tz);
      z = zone(name, tz, ctx);
    }
    let layout: string | undefined;
    if (v.length > 2) {
      const l = v[2]!;
      if (typeof l !== "string") throw typeErr(name, 1, ["string"], l);
      layout = l;
    }
    return { ns, zone: z, layout };
  }
  if (typeof v !== "number" && typeof v !== "bigint") throw operandErr(name, pos, `must be ${TIME_OPERAND} but got ${typeName(v)}`);
  return { ns: nsValue(name, v, pos), zone: UTC };
}

function civil(name: string, v: Value, ctx: BuiltinContext): Civil {
  const t = instant(name, v, 1, ctx);
  return toCivil(t.ns, t.zone);
}

function checkRange(name: string, ns: bigint): Value {
  if (ns > MAX_NS || ns < MIN_NS) throw fail(name, "time outside of valid range");
  return num(ns);
}

const durationUnits: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  "µs": 1000n,
  "μs": 1000n,
  ms: 1000000n,
  s: NS,
  m: 60n * NS,
  h: 3600n * NS,
  // OPA accepts days, weeks and (365-day) years beyond Go's units.
  d: 86400n * NS,
  w: 7n * 86400n * NS,
  y: 365n * 86400n * NS,
};

/** Go's time.ParseDuration. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw bad();
  let total = 0n;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(s)!;
    if (m[0] === "" || (m[1] === "" && (m[2] ?? "") === "")) throw bad();
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = durationUnits[u[0]];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    s = s.slice(u[0].length);
    // Exact decimal × unit, truncated to whole nanoseconds.
    const frac = m[2] ?? "";
    const exp = Number(m[3] ?? "0") - frac.length;
    const mant = BigInt((m[1] ?? "") + frac || "0") * unit;
    if (exp > 30) throw bad();
    total += exp >= 0 ? mant * 10n ** BigInt(exp) : mant / 10n ** BigInt(-exp);
    if (total > MAX_NS) throw bad();
  }
  return neg ? -total : total;
}

function layoutOf(l: string): string {
  return namedLayouts[l] ?? l;
}

export const timeBuiltins: BuiltinDef[] = [
  def("time.now_ns", [], "number", (_args, ctx) => num(ctx.nowNs)),
  def("time.parse_rfc3339_ns", ["string"], "number", (args) => {
    const s = str("time.parse_rfc3339_ns", args, 0);
    try {
      return checkRange("time.parse_rfc3339_ns", parseLayout(RFC3339, s));
    } catch (e) {
      if (e instanceof LayoutParseError) throw fail("time.parse_rfc3339_ns", e.message);
      throw e;
    }
  }),
  def("time.parse_ns", ["string", "string"], "number", (args) => {
    const layout = layoutOf(str("time.parse_ns", args, 0));
    const s = str("time.parse_ns", args, 1);
    try {
      return checkRange("time.parse_ns", parseLayout(layout, s));
    } catch (e) {
      if (e instanceof LayoutParseError) throw fail("time.parse_ns", e.message);
      throw e;
    }
  }),
  def("time.parse_duration_ns", ["string"], "number", (args) => {
    try {
      return num(parseDuration(str("time.parse_duration_ns", args, 0)));
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("time:")) throw fail("time.parse_duration_ns", e.message);
      throw e;
    }
  }),
  def("time.date", [anyOf("number", "array")], { arrayOf: "number" }, (args, ctx) => {
    const t = civil("time.date", args[0]!, ctx);
    return [t.year, t.month, t.day];
  }),
  def("time.clock", [anyOf("number", "array")], { arrayOf: "number" }, (args, ctx) => {
    const t = civil("time.clock", args[0]!, ctx);
    return [t.hour, t.min, t.sec];
  }),
  def("time.weekday", [anyOf("number", "array")], "string", (args, ctx) => longDays[civil("time.weekday", args[0]!, ctx).weekday]!),
  def("time.add_date", [anyOf("number", "array"), "number", "number", "number"], "number", (args, ctx) => {
    const t = instant("time.add_date", args[0]!, 1, ctx);
    const n = (i: number) => intArgN("time.add_date", args, i);
    // Go's AddDate works on the wall clock in the operand's zone and normalises overflowing fields.
    const c = toCivil(t.ns, t.zone);
    const r = fromCivil(c.year + n(1), c.month + n(2), c.day + n(3), c.hour, c.min, c.sec, c.nsec, t.zone);
    return checkRange("time.add_date", r);
  }),
  def("time.diff", [anyOf("number", "array"), anyOf("number", "array")], { arrayOf: "number" }, (args, ctx) => {
    const a = instant("time.diff", args[0]!, 1, ctx);
    const b = instant("time.diff", args[1]!, 2, ctx);
    // Both in the first operand's zone; order so the first is earlier.
    const [x, y] = a.ns <= b.ns ? [a.ns, b.ns] : [b.ns, a.ns];
    const t1 = toCivil(x, a.zone);
    const t2 = toCivil(y, a.zone);
    let year = t2.year - t1.year;
    let month = t2.month - t1.month;
    let day = t2.day - t1.day;
    let hour = t2.hour - t1.hour;
    let min = t2.min - t1.min;
    let sec = t2.sec - t1.sec;
    if (sec < 0) {
      sec += 60;
      min--;
    }
    if (min < 0) {
      min += 60;
      hour--;
    }
    if (hour < 0) {
      hour += 24;
      day--;
    }
    if (day < 0) {
      // Days in t1's month, via Go's "day 32" trick.
      const d32 = toCivil(fromCivil(t1.year, t1.month, 32, 0, 0, 0, 0, UTC), UTC).day;
      day += 32 - d32;
      month--;
    }
    if (month < 0) {
      month += 12;
      year--;
    }
    return [year, month, day, hour, min, sec];
  }),
  def("time.format", [anyOf("number", "array")], "string", (args, ctx) => {
    const t = instant("time.format", args[0]!, 1, ctx);
    const layout = t.layout === undefined ? RFC3339Nano : layoutOf(t.layout);
    return formatLayout(toCivil(t.ns, t.zone), layout);
  }),
];
