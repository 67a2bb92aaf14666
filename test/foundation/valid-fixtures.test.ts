import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { fixture } from "../helpers/paths.js";

describe("valid fixtures", () => {
  it.each(readdirSync(fixture("valid")).filter((f) => f.endsWith(".yaml")))("%s is clean", (f) => {
    expect(check([{ path: fixture("valid", f) }]).diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});
