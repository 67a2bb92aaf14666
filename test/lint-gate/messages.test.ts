// Issue 13 item 7: schema messages in words (no raw regex), one error per problem, "quote it".
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";

const run = (text: string) => check([{ path: "m.score.yaml", contents: text }], { root: process.cwd() }).diagnostics.filter((d) => d.severity === "error");

describe("schema messages", () => {
  it("say what is allowed instead of a regular expression, and a one-character name is one error", () => {
    const ds = run("apiVersion: score.dev/v2\nmetadata: {name: w}\ncontainers:\n  main:\n    image: nginx\n    variables: {PORT: 8080}\n");
    expect(ds.map((d) => d.message)).toEqual([
      'apiVersion must be `score.dev/v1b1`, found the string "score.dev/v2"',
      "metadata.name must be 2 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit, found the string \"w\"",
      'containers.main.variables.PORT must be a string, found the number 8080 — quote it: "8080"',
    ]);
    for (const d of ds) expect(d.message).not.toMatch(/\^|\$$|\[a-z/);
  });
});
