// Go reference-time layouts ("2006-01-02T15:04:05Z07:00"): tokenising, formatting and parsing.
import { type Civil, type Zone, UTC, fixedZone, fromCivil, longDays, longMonths } from "./civil.js";

type Tok =
  | { lit: string }
  | { std: string; digits?: number; frac?: "0" | "9"; sep?: string };

/** Split a layout into literal text and std chunks, in the priority order of Go's nextStdChunk. */
export function tokenize(layout: string): Tok[] {
  const out: Tok[] = [];
  let lit = "";
  const push = (t: Tok) => {
    if (lit) out.push({ lit });
    lit = "";
    out.push(t);
  };
  let i = 0;
  const at = (s: string) => layout.startsWith(s, i);
  const isDigit = (j: number) => j < layout.length && layout[j]! >= "0" && layout[j]! <= "9";
  while (i < layout.length) {
    const c = layout[i]!;
    let std: string | undefined;
    switch (c) {
      case "J":
        if (at("January")) std = "January";
        else if (at("Jan")) std = "Jan";
        break;
      case "M":
        if (at("Monday")) std = "Monday";
        else if (at("Mon")) std = "Mon";
        else if (at("MST")) std = "MST";
        break;
      case "0":
        if (/^0[1-6]/.test(layout.slice(i))) std = layout.slice(i, i + 2);
        else if (at("002")) std = "002";
        break;
      case "1":
        std = at("15") ? "15" : "1";
        break;
      case "2":
        if (at("2006")) std = "2006";
        else std = "2";
        break;
      case "_":
        if (at("_2")) {
          // "_2006" is a literal underscore followed by the year.
          if (at("_2006")) {
            lit += "_";
            i++;
            continue;
          }
          std = "_2";
        } else if (at("__2")) std = "__2";
        break;
      case "3":
      case "4":
      case "5":
        std = c;
        break;
      case "P":
        if (at("PM")) std = "PM";
        break;
      case "p":
        if (at("pm")) std = "pm";
        break;
      case "-":
        for (const s of ["-070000", "-07:00:00", "-0700", "-07:00", "-07"]) if (at(s)) {
          std = s;
          break;
        }
        break;
      case "Z":
        for (const s of ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"]) if (at(s)) {
          std = s;
          break;
        }
        break;
      case ".":
      case ",":
        if (i + 1 < layout.length && (layout[i + 1] === "0" || layout[i + 1] === "9")) {
          const ch = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigit(j)) {
            push({ std: "frac", digits: j - i - 1, frac: ch as "0" | "9", sep: c });
            i = j;
            continue;
          }
        }
        break;
    }
    if (std) {
      push({ std });
      i += std.length;
    } else {
      lit += c;
      i++;
    }
  }
  if (lit) out.push({ lit });
  return out;
}

const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, "0");

function offsetText(off: number, std: string): string {
  if (std.startsWith("Z") && off === 0) return "Z";
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  const body = std.slice(1);
  switch (body) {
    case "070000":
      return sign + hh + mm + ss;
    case "07:00:00":
      return sign + hh + ":" + mm + ":" + ss;
    case "0700":
      return sign + hh + mm;
    case "07:00":
      return sign + hh + ":" + mm;
    default:
      return sign + hh;
  }
}

export function formatLayout(t: Civil, layout: string): string {
  let out = "";
  for (const tok of tokenize(layout)) {
    if ("lit" in tok) {
      out += tok.lit;
      continue;
    }
    const h12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (tok.std) {
      case "January":
        out += longMonths[t.month - 1];
        break;
      case "Jan":
        out += longMonths[t.month - 1]!.slice(0, 3);
        break;
      case "Monday":
        out += longDays[t.weekday];
        break;
      case "Mon":
        out += longDays[t.weekday]!.slice(0, 3);
        break;
      case "MST":
        out += t.zone;
        break;
      case "01":
        out += pad(t.month, 2);
        break;
      case "1":
        out += t.month;
        break;
      case "02":
        out += pad(t.day, 2);
        break;
      case "2":
        out += t.day;
        break;
      case "_2":
        out += String(t.day).padStart(2, " ");
        break;
      case "002":
        out += pad(t.yday, 3);
        break;
      case "__2":
        out += String(t.yday).padStart(3, " ");
        break;
      case "03":
        out += pad(h12, 2);
        break;
      case "3":
        out += h12;
        break;
      case "04":
        out += pad(t.min, 2);
        break;
      case "4":
        out += t.min;
        break;
      case "05":
        out += pad(t.sec, 2);
        break;
      case "5":
        out += t.sec;
        break;
      case "06":
        out += pad(((t.year % 100) + 100) % 100, 2);
        break;
      case "2006":
        out += (t.year < 0 ? "-" : "") + pad(t.year, 4);
        break;
      case "15":
        out += pad(t.hour, 2);
        break;
      case "PM":
        out += t.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += t.hour >= 12 ? "pm" : "am";
        break;
      case "frac": {
        let digits = pad(t.nsec, 9).slice(0, tok.digits);
        if (tok.frac === "9") {
          digits = pad(t.nsec, 9).slice(0, tok.digits).replace(/0+$/, "");
          if (digits) out += tok.sep + digits;
        } else out += tok.sep + digits;
        break;
      }
      default:
        out += offsetText(t.offset, tok.std);
    }
  }
  return out;
}

export class LayoutParseError extends Error {}

/** Go's time.Parse (default zone UTC). Returns nanoseconds since the epoch. */
export function parseLayout(layout: string, value: string, defaultZone: Zone = UTC): bigint {
  const orig = value;
  const err = (elem: string, rest: string): never => {
    throw new LayoutParseError(`parsing time ${JSON.stringify(orig)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  let year = 1;
  let month = 1;
  let day = 1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm: boolean | undefined;
  let zone: Zone | undefined;
  const num = (elem: string, min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(value);
    if (!m) err(elem, value);
    value = value.slice(m![0].length);
    return Number(m![0]);
  };
  const word = (elem: string, list: string[]): number => {
    for (let k = 0; k < list.length; k++) {
      if (value.slice(0, list[k]!.length).toLowerCase() === list[k]!.toLowerCase()) {
        value = value.slice(list[k]!.length);
        return k;
      }
    }
    return err(elem, value);
  };
  const fracAfterSeconds = () => {
    // Go accepts a fractional second after a seconds field even when the layout has none.
    const m = /^[.,](\d+)/.exec(value);
    if (m) {
      nsec = Number(m[1]!.slice(0, 9).padEnd(9, "0"));
      value = value.slice(m[0].length);
    }
  };
  const toks = tokenize(layout);
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]!;
    if ("lit" in tok) {
      if (!value.startsWith(tok.lit)) err(tok.lit, value);
      value = value.slice(tok.lit.length);
      continue;
    }
    const nextIsFrac = (() => {
      const n = toks[k + 1];
      return n !== undefined && !("lit" in n) && n.std === "frac";
    })();
    switch (tok.std) {
      case "2006":
        year = num("2006", 4, 4);
        break;
      case "06": {
        const y = num("06", 2, 2);
        year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case "January":
        month = word("January", longMonths) + 1;
        break;
      case "Jan":
        month = word("Jan", longMonths.map((m) => m.slice(0, 3))) + 1;
        break;
      case "01":
        month = num("01", 2, 2);
        break;
      case "1":
        month = num("1", 1, 2);
        break;
      case "Monday":
        word("Monday", longDays);
        break;
      case "Mon":
        word("Mon", longDays.map((d) => d.slice(0, 3)));
        break;
      case "02":
        day = num("02", 2, 2);
        break;
      case "2":
        day = num("2", 1, 2);
        break;
      case "_2":
        if (value.startsWith(" ")) value = value.slice(1);
        day = num("_2", 1, 2);
        break;
      case "002":
        yday = num("002", 3, 3);
        break;
      case "__2":
        value = value.replace(/^ {0,2}/, "");
        yday = num("__2", 1, 3);
        break;
      case "15":
        hour = num("15", 1, 2);
        break;
      case "03":
        hour = num("03", 2, 2);
        break;
      case "3":
        hour = num("3", 1, 2);
        break;
      case "04":
        min = num("04", 2, 2);
        break;
      case "4":
        min = num("4", 1, 2);
        break;
      case "05":
        sec = num("05", 2, 2);
        if (!nextIsFrac) fracAfterSeconds();
        break;
      case "5":
        sec = num("5", 1, 2);
        if (!nextIsFrac) fracAfterSeconds();
        break;
      case "PM":
      case "pm": {
        const p = value.slice(0, 2).toUpperCase();
        if (p !== "AM" && p !== "PM") err(tok.std, value);
        pm = p === "PM";
        value = value.slice(2);
        break;
      }
      case "frac": {
        const m = /^[.,](\d+)/.exec(value);
        if (tok.frac === "0") {
          if (!m || m[1]!.length < tok.digits!) err(tok.sep + "0".repeat(tok.digits!), value);
          const ds = m![1]!.slice(0, tok.digits);
          nsec = Number(ds.padEnd(9, "0").slice(0, 9));
          value = value.slice(1 + ds.length);
        } else if (m) {
          nsec = Number(m[1]!.slice(0, 9).padEnd(9, "0"));
          value = value.slice(m[0].length);
        }
        break;
      }
      case "MST": {
        const m = /^(UTC|GMT([+-]\d{1,2})?|[A-Z]{3,5}|[+-]\d{2,4})/.exec(value);
        if (!m) err("MST", value);
        const name = m![0];
        value = value.slice(name.length);
        zone = name === "UTC" ? UTC : fixedZone(name, 0);
        break;
      }
      default: {
        // Numeric offsets, with "Z" for UTC in the Z-forms.
        if (tok.std.startsWith("Z") && value.startsWith("Z")) {
          value = value.slice(1);
          zone = UTC;
          break;
        }
        const shape = tok.std.slice(1).replace(/\d/g, "\\d");
        const m = new RegExp("^[+-]" + shape).exec(value);
        if (!m) err(tok.std, value);
        const s = m![0];
        const digits = s.slice(1).replace(/:/g, "");
        const hh = Number(digits.slice(0, 2));
        const mm = Number(digits.slice(2, 4) || "0");
        const ss = Number(digits.slice(4, 6) || "0");
        const off = (s[0] === "-" ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
        zone = off === 0 ? UTC : fixedZone("", off);
        value = value.slice(s.length);
      }
    }
  }
  if (value !== "") throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: extra text: ${JSON.stringify(value)}`);
  if (pm !== undefined) {
    if (hour > 12) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: hour out of range`);
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  if (yday >= 0) {
    month = 1;
    day = yday;
  }
  const dim = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: month out of range`);
  if (yday < 0 && (day < 1 || day > dim[month - 1]!)) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: day out of range`);
  if (hour > 23) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: hour out of range`);
  if (min > 59) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: minute out of range`);
  if (sec > 59) throw new LayoutParseError(`parsing time ${JSON.stringify(orig)}: second out of range`);
  return fromCivil(year, month, day, hour, min, sec, nsec, zone ?? defaultZone);
}

export const RFC3339 = "2006-01-02T15:04:05Z07:00";
export const RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

/** Named layouts OPA accepts in time.format / time.parse_ns (any other string is a layout itself). */
export const namedLayouts: Record<string, string> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339,
  RFC3339Nano,
};
