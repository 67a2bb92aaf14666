// sprintf's shortcut for formats made only of bare directives (`%s`, `%q`, `%v`, `%d`…) prints what Go's
// directive scanner prints. A trailing `%%` sends the same format through the scanner (and adds a "%").
import { describe, expect, it } from "vitest";
import { goSprintf } from "../../../src/rego/builtins/gofmt.js";
import { fromJSON, RSet, type Value } from "../../../src/rego/value.js";

const cases: [string, Value[]][] = [
  ["container %q uses image %q", ["main", "nginx:latest"]],
  ["%s/%s", ["a", "b"]],
  ["%v %v %v %v %v", [1, 2.5, true, null, fromJSON({ a: [1, "x"] })]],
  ["%d items, %x hex, %X, %o, %b, %c", [3, 255, 255, 8, 5, 65]],
  ["%e %f %g %E %G", [1234.5678, 0.1, 100000000, 3, 2.5]],
  ["%s %d %q", [42, "x", 7]],
  ["%v and %s", [new RSet(["b", "a"]), ["x", 1]]],
  ["%t %T %z", [true, "s", 1]],
  ["%d", [12345678901234567890n]],
  ["no directives", []],
  ["", []],
  ["é%sü", ["ß"]],
  ["%v|%s|%v", ["x", "", "\u{1F600}"]],
];

describe("sprintf with bare directives", () => {
  it("prints what the directive scanner prints", () => {
    for (const [format, args] of cases) expect(goSprintf(format, args) + "%").toBe(goSprintf(format + "%%", args));
  });

  it("leaves missing and extra operands to the scanner", () => {
    expect(goSprintf("%s %s", ["a"])).toBe("a %!s(MISSING)");
    expect(goSprintf("%s", ["a", 1])).toBe("a%!(EXTRA int=1)");
  });
});
