import { describe, expect, it } from "vitest";
import { formatFloat, sprintf } from "../../src/template/format.js";
import { run } from "./helpers.js";

describe("printf verbs (Go fmt)", () => {
  const cases: [string, unknown[], string][] = [
    ["%s|%v|%d", ["a", "b", 42], "a|b|42"],
    ["%q", ["he said \"hi\"\n"], '"he said \\"hi\\"\\n"'],
    ["%x|%X|%o|%b|%#x", [255, 255, 8, 5, 255], "ff|FF|10|101|0xff"],
    ["%x", ["hi"], "6869"],
    ["%5d|%-5d|%05d|%+d", [42, 42, 42, 42], "   42|42   |00042|+42"],
    ["%f|%.2f|%8.3f|%-8.1f|", [3.14159, 3.14159, 3.14159, 2.5], "3.141590|3.14|   3.142|2.5     |"],
    ["%e|%E|%g|%g|%g", [123456.789, 0.000123, 123456.789, 1e21, 0.00001], "1.234568e+05|1.230000E-04|123456.789|1e+21|1e-05"],
    ["%.3g|%.10g", [3.14159, 3.14159], "3.14|3.14159"],
    ["%t|%v", [true, false], "true|false"],
    ["%T|%T|%T|%T|%T|%T", ["s", 1, 1.5, [1], { a: 1 }, null], "string|int|float64|[]interface {}|map[string]interface {}|<nil>"],
    ["%v|%+v", [{ b: [1, "x"], a: null }, { k: 1 }], "map[a:<nil> b:[1 x]]|map[k:1]"],
    ["%s", [["a", "b"]], "[a b]"],
    ["%c|%q|%U", [65, 97, 0x1f600], "A|'a'|U+1F600"],
    ["100%%", [], "100%"],
    ["%d %d", [1], "1 %!d(MISSING)"],
    ["%d", [1, 2], "1%!(EXTRA int=2)"],
    ["%d", ["x"], "%!d(string=x)"],
    ["%s", [null], "%!s(<nil>)"],
    ["%v", [null], "<nil>"],
    ["%6.2f%%", [99.5], " 99.50%"],
    ["%*d", [4, 7], "   7"],
    ["%.2s", ["hello"], "he"],
  ];
  for (const [f, args, out] of cases) {
    it(`${f} ${JSON.stringify(args)}`, () => expect(sprintf(f, args)).toBe(out));
  }
  it("is reachable from templates", () => {
    expect(run('{{ printf "%s:%d" .h .p }}', { h: "db", p: 5432 })).toBe("db:5432");
  });
});

describe("float formatting (strconv)", () => {
  it.each([
    [1000000.5, "g", -1, "1.0000005e+06"],
    [100000.5, "g", -1, "100000.5"],
    [0.0001, "g", -1, "0.0001"],
    [0.00001, "g", -1, "1e-05"],
    [2.5, "f", 0, "2"],
    [3.5, "f", 0, "4"],
    [-1.25, "e", 2, "-1.25e+00"],
    [1e100, "g", -1, "1e+100"],
  ])("%s %s %s", (f, verb, prec, out) => expect(formatFloat(f as number, verb as string, prec as number)).toBe(out));
});

describe("print / println", () => {
  it("adds spaces between non-string operands only", () => {
    expect(run('{{ print 1 2 "a" "b" 3 }}|{{ println 1 "a" }}')).toBe("1 2ab3|1 a\n");
  });
});
