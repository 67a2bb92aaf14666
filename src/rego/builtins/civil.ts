// Calendar arithmetic on the proleptic Gregorian calendar (as Go's time package), plus zone offsets.
// Instants are bigint nanoseconds since the Unix epoch.

export const NS = 1_000_000_000n;

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [m <= 2 ? y + 1 : y, m, d];
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Broken-down wall-clock time. */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  /** 0 = Sunday, as Go's Weekday. */
  weekday: number;
  yday: number;
  offset: number;
  zone: string;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function toCivil(ns: bigint, zone: Zone): Civil {
  const secs = floorDiv(ns, NS);
  const nsec = Number(ns - secs * NS);
  const { offset, abbr } = zone.at(Number(secs));
  const local = Number(secs) + offset;
  const days = Math.floor(local / 86400);
  const rem = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600),
    min: Math.floor((rem % 3600) / 60),
    sec: rem % 60,
    nsec,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(year, 1, 1) + 1,
    offset,
    zone: abbr,
  };
}

/** Go's time.Date: normalises out-of-range fields, then applies the zone's offset at that wall time. */
export function fromCivil(y: number, mo: number, d: number, h: number, mi: number, s: number, nsec: number, zone: Zone): bigint {
  // Normalise month into [1,12] carrying into years, as Go does.
  const m0 = mo - 1;
  y += Math.floor(m0 / 12);
  mo = (((m0 % 12) + 12) % 12) + 1;
  const days = daysFromCivil(y, mo, 1) + (d - 1);
  const wall = BigInt(days) * 86400n + BigInt(h) * 3600n + BigInt(mi) * 60n + BigInt(s);
  // Guess the offset at the wall time, then correct once (enough outside DST transitions).
  let off = zone.at(Number(wall)).offset;
  off = zone.at(Number(wall) - off).offset;
  return (wall - BigInt(off)) * NS + BigInt(nsec);
}

export interface Zone {
  name: string;
  at(unixSeconds: number): { offset: number; abbr: string };
}

export const UTC: Zone = { name: "UTC", at: () => ({ offset: 0, abbr: "UTC" }) };

export function fixedZone(name: string, offset: number): Zone {
  return { name, at: () => ({ offset, abbr: name }) };
}

/** An IANA zone through Intl (available in browsers and Node). Undefined when unknown. */
export function ianaZone(name: string): Zone | undefined {
  const make = (locale: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: name,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    });
  let us: Intl.DateTimeFormat;
  let gb: Intl.DateTimeFormat;
  try {
    us = make("en-US");
    gb = make("en-GB");
  } catch {
    return undefined;
  }
  const numeric = (abbr: string) => /^(GMT|UTC)([+-]|$)/.test(abbr);
  // British English names only European zones the way tzdata does (elsewhere it invents names like "GST").
  const european = /^(Europe\/|CET$|EET$|WET$|MET$|GB$|Eire$)/.test(name);
  return {
    name,
    at(secs: number) {
      // Intl handles years 1..9999 well enough; clamp outside that.
      const ms = Math.max(Math.min(secs * 1000, 8.64e15), -8.64e15);
      const parts = us.formatToParts(new Date(ms));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
      let year = get("year");
      if (/^B/.test(parts.find((p) => p.type === "era")?.value ?? "")) year = 1 - year;
      const local = daysFromCivil(year, get("month"), get("day")) * 86400 + get("hour") * 3600 + get("minute") * 60 + get("second");
      const offset = local - Math.floor(ms / 1000);
      // Go prints the zone's abbreviation: US English names American zones, British English European ones;
      // zones without a name print as a numeric offset like Go's "+03".
      let abbr = parts.find((p) => p.type === "timeZoneName")?.value ?? name;
      if (numeric(abbr) && european) abbr = gb.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? abbr;
      if (numeric(abbr)) {
        if (offset === 0) abbr = /^UTC/.test(abbr) ? "UTC" : "GMT";
        else {
          const a = Math.abs(offset);
          const hh = String(Math.floor(a / 3600)).padStart(2, "0");
          const mm = Math.floor((a % 3600) / 60);
          abbr = (offset < 0 ? "-" : "+") + hh + (mm ? String(mm).padStart(2, "0") : "");
        }
      }
      return { offset, abbr };
    },
  };
}

export const longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const longMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
