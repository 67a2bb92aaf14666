import { describe, expect, it } from "vitest";
import { call, callErr, callV } from "./call.js";

describe("units", () => {
  it("units.parse (units corpus)", () => {
    expect(call("units.parse", "500m")).toBe(0.5);
    expect(call("units.parse", "0.0000005M")).toBe(0.5);
    expect(call("units.parse", "1.1Ki")).toBe(1126.4);
    expect(call("units.parse", "10KI")).toBe(10240);
    expect(call("units.parse", '"100TI"')).toBe(109951162777600);
    expect(callV("units.parse", "10Ei")).toBe(11529215046068469760n);
    expect(call("units.parse", "-3.5E2m")).toBe(-0.35);
    expect(callV("units.parse", "5E")).toBe(5000000000000000000n);
    expect(call("units.parse", "1e-2")).toBe(0.01);
  });
  it("units.parse errors", () => {
    expect(callErr("units.parse", "")?.message).toBe("units.parse: no amount provided");
    expect(callErr("units.parse", "G")?.message).toBe("units.parse: no amount provided");
    expect(callErr("units.parse", "0.0.0")?.message).toBe("units.parse: could not parse amount to a number");
    expect(callErr("units.parse", "100 k")?.message).toBe("units.parse: spaces not allowed in resource strings");
    expect(callErr("units.parse", "10e10000000Ei")?.message).toBe("units.parse: exponent too large");
    expect(callErr("units.parse", "1e+K")?.message).toBe("units.parse: could not parse amount to a number");
  });
  it("units.parse_bytes truncates to integers", () => {
    expect(call("units.parse_bytes", "1.1KiB")).toBe(1126);
    expect(call("units.parse_bytes", "10kb")).toBe(10000);
    expect(call("units.parse_bytes", "1e-2KB")).toBe(10);
    expect(call("units.parse_bytes", "12345")).toBe(12345);
    expect(callErr("units.parse_bytes", "foo")?.message).toBe("units.parse_bytes: no byte amount provided");
    expect(callErr("units.parse_bytes", ".5.2")?.message).toBe("units.parse_bytes: could not parse byte amount to a number");
  });
});
