import { describe, expect, it } from "vitest";
import { builtins } from "../../../src/rego/builtins/index.js";
import { call, callErr, ctx } from "./call.js";

const T = 1703444325734390000n; // 2023-12-24T18:58:45.73439Z, a Sunday

describe("time", () => {
  it("now_ns is the injected instant", () => {
    expect(builtins.get("time.now_ns")!.fn([], ctx(42n))).toBe(42);
  });
  it("date, clock, weekday, format in UTC and in zones", () => {
    expect(call("time.date", T)).toEqual([2023, 12, 24]);
    expect(call("time.clock", T)).toEqual([18, 58, 45]);
    expect(call("time.weekday", T)).toBe("Sunday");
    expect(call("time.format", T)).toBe("2023-12-24T18:58:45.73439Z");
    expect(call("time.clock", [T, "Asia/Tokyo"])).toEqual([3, 58, 45]);
    expect(call("time.date", [T, "Asia/Tokyo"])).toEqual([2023, 12, 25]);
    expect(call("time.format", [T, "UTC", "Mon Jan _2 15:04:05 2006"])).toBe("Sun Dec 24 18:58:45 2023");
    expect(call("time.format", [T, "America/New_York", "2006-01-02T15:04:05Z07:00 MST"])).toBe("2023-12-24T13:58:45-05:00 EST");
    expect(callErr("time.date", [T, "Nowhere/Else"])?.message).toBe("time.date: unknown time zone Nowhere/Else");
  });
  it("parses RFC 3339 and Go layouts", () => {
    expect(call("time.parse_rfc3339_ns", "2023-12-24T18:58:45.73439Z")).toBe(T);
    expect(call("time.parse_rfc3339_ns", "1970-01-01T01:00:00+01:00")).toBe(0);
    expect(call("time.parse_ns", "2006-01-02", "2020-02-02")).toBe(1580601600000000000n);
    expect(call("time.parse_ns", "02 Jan 06 15:04 MST", "10 Nov 09 23:00 UTC")).toBe(1257894000000000000n);
    expect(call("time.parse_ns", "RFC822Z", "10 Nov 09 23:00 -0100")).toBe(1257897600000000000n);
    expect(callErr("time.parse_ns", "2006-01-02", "2020-13-02")?.code).toBe("eval_builtin_error");
  });
  it("parse_duration_ns", () => {
    expect(call("time.parse_duration_ns", "1h30m")).toBe(5400000000000);
    expect(call("time.parse_duration_ns", "1.5s")).toBe(1500000000);
    expect(call("time.parse_duration_ns", "-2µs")).toBe(-2000);
    expect(call("time.parse_duration_ns", "0")).toBe(0);
    expect(call("time.parse_duration_ns", "1d2h30m")).toBe(95400000000000);
    expect(callErr("time.parse_duration_ns", "1d2x")?.message).toBe('time.parse_duration_ns: time: unknown unit "x" in duration "1d2x"');
    expect(callErr("time.parse_duration_ns", "5")?.message).toBe('time.parse_duration_ns: time: missing unit in duration "5"');
  });
  it("add_date normalises like Go and errors out of range", () => {
    expect(call("time.format", call("time.add_date", T, 0, 1, 0))).toBe("2024-01-24T18:58:45.73439Z");
    // Jan 31 + 1 month = Mar 2 (2024 is a leap year).
    const jan31 = call("time.parse_rfc3339_ns", "2024-01-31T00:00:00Z");
    expect(call("time.format", call("time.add_date", jan31, 0, 1, 0))).toBe("2024-03-02T00:00:00Z");
    expect(callErr("time.add_date", T, 2147483647, 0, 0)?.message).toBe("time.add_date: time outside of valid range");
  });
  it("diff", () => {
    const a = call("time.parse_ns", "2006-01-02", "2020-02-02");
    const b = call("time.parse_ns", "2006-01-02", "2020-03-01");
    expect(call("time.diff", a, b)).toEqual([0, 0, 28, 0, 0, 0]);
    expect(call("time.diff", T, 1257894000000000000)).toEqual([14, 1, 13, 19, 58, 45]);
  });
});

describe("zone abbreviations as Go prints them", () => {
  it("names European and American zones, numeric otherwise", () => {
    const T = 1703444325734390000n;
    expect(call("time.format", [T, "Europe/Paris", "15:04 MST"])).toBe("19:58 CET");
    expect(call("time.format", [T, "America/Los_Angeles", "15:04 MST"])).toBe("10:58 PST");
    expect(call("time.format", [T, "Asia/Dubai", "15:04 MST"])).toBe("22:58 +04");
  });
});
