// Go fmt's directive syntax (%[flags][width][.prec]verb), shared by Rego's sprintf and text/template's printf.
// Both engines print what Go prints, so the scanning rules live here once; what differs between them is how a
// JS value maps onto a Go value, which each engine supplies through the hooks of `formatDirectives`.
// No Node APIs: both engines also run in the browser.

/** One directive's flags, width and precision (Go's fmtFlags plus wid/prec; undefined = not given). */
export interface FormatSpec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v and %#v: Go moves '+'/'#' off plus/sharp for verb v, as they select other forms, not a sign or prefix. */
  plusV: boolean;
  sharpV: boolean;
  width?: number;
  prec?: number;
}

export function emptySpec(): FormatSpec {
  return { minus: false, plus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };
}

/** Go measures width in runes, not UTF-16 units. */
function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/**
 * Pads `s` to the width: spaces on the right for '-', else on the left — zeros there when the '0' flag is set and
 * the verb honours it (`zeroOk`; Go ignores '0' for strings, and numbers place their sign before the zeros).
 */
export function pad(s: string, sp: FormatSpec, zeroOk: boolean): string {
  if (sp.width === undefined) return s;
  const n = sp.width - runeCount(s);
  if (n <= 0) return s;
  if (sp.minus) return s + " ".repeat(n);
  return (sp.zero && zeroOk ? "0" : " ").repeat(n) + s;
}

/** Prefixes an unsigned number with its sign: '-' when negative, else '+' or ' ' as the flags ask. */
export function signed(s: string, neg: boolean, sp: FormatSpec): string {
  if (neg) return "-" + s;
  if (sp.plus) return "+" + s;
  if (sp.space) return " " + s;
  return s;
}

/** How an engine plugs its own values into the shared scanner. */
export interface DirectiveHooks<A> {
  /** The argument as a Go int, for a `*` width or precision; undefined when it is not an integer. */
  starInt(a: A): number | undefined;
  /** One verb applied to one argument, padded to the spec's width. */
  format(verb: string, a: A, sp: FormatSpec): string;
  /** An unused argument in `%!(EXTRA …)`: Go prints `type=value`, or just `<nil>` for nil. */
  extra(a: A): string;
}

// Go's fmt rejects widths and precisions beyond this as nonsense (tooLarge in print.go).
const MAX_NUM = 1e6;

/**
 * Go's fmt.Sprintf directive loop (doPrintf): flags, `*` or literal width and precision, `%%`, `%!(NOVERB)`,
 * `%!v(MISSING)`, `%!(BADWIDTH)`/`%!(BADPREC)` and `%!(EXTRA …)`. Explicit argument indexes (`%[2]d`) are not
 * supported.
 */
export function formatDirectives<A>(format: string, args: readonly A[], hooks: DirectiveHooks<A>): string {
  let out = "";
  let argi = 0;
  let i = 0;
  const end = format.length;
  // Go's intFromArg: consumes the argument only when there is one; too-large values count as not an int.
  const starArg = (): number | undefined => {
    if (argi >= args.length) return undefined;
    const n = hooks.starInt(args[argi++]!);
    return n === undefined || Math.abs(n) > MAX_NUM ? undefined : n;
  };
  // Go's parsenum: a run of digits; a crazy long one consumes the rest of the format.
  const literal = (): number | undefined => {
    let n: number | undefined;
    for (; i < end && format[i]! >= "0" && format[i]! <= "9"; i++) {
      if (n !== undefined && n > MAX_NUM) {
        i = end;
        return undefined;
      }
      n = (n ?? 0) * 10 + (format.charCodeAt(i) - 48);
    }
    return n;
  };
  while (i < end) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const sp = emptySpec();
    for (; i < end; i++) {
      const f = format[i];
      if (f === "#") sp.sharp = true;
      else if (f === "0") sp.zero = !sp.minus; // zero padding only ever goes on the left
      else if (f === "+") sp.plus = true;
      else if (f === "-") {
        sp.minus = true;
        sp.zero = false;
      } else if (f === " ") sp.space = true;
      else break;
    }
    if (format[i] === "*") {
      i++;
      sp.width = starArg();
      if (sp.width === undefined) out += "%!(BADWIDTH)";
      else if (sp.width < 0) {
        // A negative `*` width means left-justify.
        sp.width = -sp.width;
        sp.minus = true;
        sp.zero = false;
      }
    } else sp.width = literal();
    // Go only takes '.' as a precision when something follows it; a trailing '.' is the verb.
    if (i + 1 < end && format[i] === ".") {
      i++;
      if (format[i] === "*") {
        i++;
        sp.prec = starArg();
        if (sp.prec !== undefined && sp.prec < 0) sp.prec = undefined;
        if (sp.prec === undefined) out += "%!(BADPREC)";
      } else sp.prec = literal() ?? 0;
    }
    if (i >= end) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      // Absorbs no operand and ignores width and precision.
      out += "%";
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === "v") {
      sp.sharpV = sp.sharp;
      sp.plusV = sp.plus;
      sp.sharp = sp.plus = false;
    }
    out += hooks.format(verb, args[argi++]!, sp);
  }
  if (argi < args.length) out += "%!(EXTRA " + args.slice(argi).map(hooks.extra).join(", ") + ")";
  return out;
}
