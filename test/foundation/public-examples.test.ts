// Every real Score file from ../shared/score/examples-public must pass `check` (schema and YAML).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { SHARED } from "../helpers/paths.js";

const dir = join(SHARED, "score", "examples-public");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("public Score examples", () => {
  it("there are 40 of them", () => expect(files).toHaveLength(40));
  it.each(files)("%s has no errors", (f) => {
    const { diagnostics } = check([{ path: join(dir, f) }]);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
