// The spec types in src/generated/ must be what json-schema-to-typescript makes of schemas/ today.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/paths.js";

describe("generated validators", () => {
  it.each(["score-validator.js", "provisioners-validator.js", "config-validator.js"])("src/generated/%s is fresh (run npm run gen:types)", (name) => {
    const fresh = execFileSync(process.execPath, [join(REPO, "scripts/gen-validators.mjs"), "--print", name], { encoding: "utf8" });
    expect(readFileSync(join(REPO, "src/generated", name), "utf8")).toBe(fresh);
  });
});

describe("generated types", () => {
  it.each(["score.ts", "provisioners.ts", "config.ts"])("src/generated/%s is fresh (run npm run gen:types)", (name) => {
    const fresh = execFileSync(process.execPath, [join(REPO, "scripts/gen-types.mjs"), "--print", name], { encoding: "utf8" });
    expect(readFileSync(join(REPO, "src/generated", name), "utf8")).toBe(fresh);
  });
});
