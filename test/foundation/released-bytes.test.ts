// A project keeps one text per file: the bytes read are released once parsed.
import { expect, it } from "vitest";
import { check } from "../../src/index.js";

it("keeps the decoded text, not the bytes, after parsing", () => {
  const text = "apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main:\n    image: nginx\n";
  const r = check([{ path: "web.score.yaml", contents: new TextEncoder().encode(text) }]);
  expect(r.diagnostics).toEqual([]);
  expect(r.tree.inputs[0]!.contents).toBeUndefined();
  expect(r.tree.inputs[0]!.source!.text).toBe(text);
});
