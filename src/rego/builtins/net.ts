// net.cidr_* builtins over IPv4 and IPv6, with addresses as bigints.
import { RObject, RSet, type Value } from "../value.js";
import { def, fail, str } from "./args.js";
import type { BuiltinDef } from "./types.js";

interface Addr {
  v6: boolean;
  n: bigint;
}
interface Net {
  v6: boolean;
  base: bigint;
  bits: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === "0") || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  let tail4: bigint | undefined;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    tail4 = parseV4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === "" ? [] : h.split(":"));
  const head = group(halves[0]!);
  const tail = halves.length === 2 ? group(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) n = (n & ~0xffffffffn) | tail4;
  return n;
}

export function parseIP(s: string): Addr | undefined {
  if (s.includes(":")) {
    const n = parseV6(s);
    return n === undefined ? undefined : { v6: true, n };
  }
  const n = parseV4(s);
  return n === undefined ? undefined : { v6: false, n };
}

export function parseCIDR(s: string): Net | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const a = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!a || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const width = a.v6 ? 128 : 32;
  if (bits > width) return undefined;
  return { v6: a.v6, base: a.n & mask(bits, width), bits };
}

function mask(bits: number, width: number): bigint {
  const all = (1n << BigInt(width)) - 1n;
  return (all << BigInt(width - bits)) & all;
}

function width(n: Net): number {
  return n.v6 ? 128 : 32;
}

function netArg(name: string, args: Value[], i: number): Net {
  const s = str(name, args, i);
  const n = parseCIDR(s);
  if (!n) throw fail(name, `invalid CIDR address: ${s}`);
  return n;
}

/** An address (as a single-host network) or a CIDR, in the order OPA tries them. */
function ipOrNet(name: string, s: string): Net {
  const a = parseIP(s);
  if (a) return { v6: a.v6, base: a.n, bits: a.v6 ? 128 : 32 };
  const n = parseCIDR(s);
  if (!n) throw fail(name, `not a valid textual representation of an IP address or CIDR: ${s}`);
  return n;
}

function netText(name: string, s: string): Net {
  const n = parseCIDR(s);
  if (!n) throw fail(name, `invalid CIDR address: ${s}`);
  return n;
}

/** Go's IP.DefaultMask: the classful prefix length of an IPv4 address. */
function classfulBits(n: bigint): number {
  const first = Number(n >> 24n);
  return first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
}

/** net.cidr_contains_matches operands: a string, or a collection of strings / non-empty arrays (CIDR first). */
function matchTerms(name: string, v: Value, pos: number): [string, Value][] {
  const cidrOf = (x: Value): string => {
    const c = typeof x === "string" ? x : Array.isArray(x) && x.length > 0 ? x[0]! : undefined;
    if (typeof c !== "string") throw fail(name, `operand ${pos}: element must be string or non-empty array`);
    return c;
  };
  if (typeof v === "string") return [[v, v]];
  if (Array.isArray(v)) return v.map((x, i) => [cidrOf(x), i]);
  if (v instanceof RSet) return v.sorted().map((x) => [cidrOf(x), x]);
  if (v instanceof RObject) return v.sortedEntries().map(([k, x]) => [cidrOf(x), k]);
  return [];
}

/** `net.cidr_contains` (and its v0 alias `net.cidr_overlap`). */
export function cidrContains(name: string, args: Value[]): boolean {
  return contains(netArg(name, args, 0), ipOrNet(name, str(name, args, 1)));
}

function contains(outer: Net, inner: Net): boolean {
  if (outer.v6 !== inner.v6 || inner.bits < outer.bits) return false;
  return (inner.base & mask(outer.bits, width(outer))) === outer.base;
}

export function ipText(v6: boolean, n: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => ((n >> s) & 0xffn).toString()).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  // Longest run of zero groups (at least two) collapses to "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return hex.slice(0, best).join(":") + "::" + hex.slice(best + bestLen).join(":");
}

function cidrText(n: Net): string {
  return `${ipText(n.v6, n.base)}/${n.bits}`;
}

/** Merge a list of networks into the smallest covering set of CIDRs. */
function merge(nets: Net[]): Net[] {
  const sorted = [...nets].sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.base < b.base ? -1 : a.base > b.base ? 1 : a.bits - b.bits));
  let out: Net[] = [];
  for (const n of sorted) if (!out.some((o) => contains(o, n))) out.push(n);
  // Repeatedly join sibling halves.
  for (let changed = true; changed; ) {
    changed = false;
    const next: Net[] = [];
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      const b = out[i + 1];
      if (b && a.v6 === b.v6 && a.bits === b.bits && a.bits > 0) {
        const parentBits = a.bits - 1;
        const pm = mask(parentBits, width(a));
        if ((a.base & pm) === (b.base & pm) && a.base !== b.base) {
          next.push({ v6: a.v6, base: a.base & pm, bits: parentBits });
          i++;
          changed = true;
          continue;
        }
      }
      next.push(a);
    }
    out = [];
    for (const n of next) if (!out.some((o) => contains(o, n))) out.push(n);
  }
  return out;
}

export const netBuiltins: BuiltinDef[] = [
  def("net.cidr_contains", ["string", "string"], "boolean", (args) => cidrContains("net.cidr_contains", args)),
  def("net.cidr_contains_matches", ["any", "any"], { setOf: { arrayOf: "any" } }, (args) => {
    const name = "net.cidr_contains_matches";
    const out = new RSet();
    for (const [c1, i1] of matchTerms(name, args[0]!, 1))
      for (const [c2, i2] of matchTerms(name, args[1]!, 2)) if (contains(netText(name, c1), ipOrNet(name, c2))) out.add([i1, i2]);
    return out;
  }),
  def("net.cidr_intersects", ["string", "string"], "boolean", (args) => {
    const a = netArg("net.cidr_intersects", args, 0);
    const b = netArg("net.cidr_intersects", args, 1);
    return contains(a, b) || contains(b, a);
  }),
  def("net.cidr_is_valid", ["string"], "boolean", (args) => typeof args[0] === "string" && parseCIDR(args[0]) !== undefined),
  def("net.cidr_expand", ["string"], { setOf: "string" }, (args) => {
    const n = netArg("net.cidr_expand", args, 0);
    const size = 1n << BigInt(width(n) - n.bits);
    // OPA has no limit (only cancellation); a cap keeps a typo like /8 from exhausting memory.
    if (size > 1048576n) throw fail("net.cidr_expand", "CIDR too large to expand (more than 2^20 addresses)");
    const out = new RSet();
    for (let i = 0n; i < size; i++) out.add(ipText(n.v6, n.base + i));
    return out;
  }),
  def("net.cidr_merge", [{ anyOf: [{ arrayOf: "string" }, { setOf: "string" }] }], { setOf: "string" }, (args) => {
    const name = "net.cidr_merge";
    const v = args[0]!;
    if (!Array.isArray(v) && !(v instanceof RSet)) throw fail(name, "operand must be an array");
    const nets: Net[] = [];
    for (const x of Array.isArray(v) ? v : v.sorted()) {
      if (typeof x !== "string") throw fail(name, "element must be string");
      const a = parseIP(x);
      if (a) {
        // OPA gives a bare IPv4 address its classful default mask; IPv6 needs a prefix.
        if (a.v6) throw fail(name, "IPv6 invalid: needs prefix length");
        const bits = classfulBits(a.n);
        nets.push({ v6: false, base: a.n & mask(bits, 32), bits });
        continue;
      }
      nets.push(netText(name, x));
    }
    return new RSet(merge(nets).map(cidrText));
  }),
];
