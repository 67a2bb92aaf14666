// The text splice behind `scorec add resource`: the new entry lands in the resources map, and every other
// byte of the file (comments, blank lines, quoting, folded scalars, the file's own indentation) is kept.
import { describe, expect, it } from "vitest";
import { addResource, parseParam } from "../../src/scaffold/add-resource.js";

const STYLED = `# top comment
apiVersion: score.dev/v1b1   # trailing

metadata:
  name: 'web'
containers:
    main:
        image: "nginx:1.27"
        args:
        - x
        variables:
          A: >-
            folded text
            here
resources:
    cache:   # a cache
        type: redis
        params:
          x: 1

# end comment
`;

describe("addResource (text)", () => {
  it("inserts after the last resource with the file's indentation and keeps everything else byte for byte", () => {
    const out = addResource(STYLED, { name: "db", type: "postgres", params: { size: 3, "a b": "x y" } });
    const inserted = "    db:\n        type: postgres\n        params:\n            size: 3\n            a b: x y\n";
    expect(out).toBe(STYLED.replace("          x: 1\n", "          x: 1\n" + inserted));
  });

  it("adds a resources key at the end when there is none (after trailing comments)", () => {
    const src = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx:1.27\n# resources:\n#   db:\n";
    expect(addResource(src, { name: "db", type: "postgres", class: "large", id: "shared-db" })).toBe(src + "resources:\n  db:\n    type: postgres\n    class: large\n    id: shared-db\n");
    // no final newline
    expect(addResource(src.slice(0, -1), { name: "db", type: "postgres" })).toBe(src + "resources:\n  db:\n    type: postgres\n");
  });

  it("fills an empty resources value (`resources:` and `resources: {}`)", () => {
    const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n";
    expect(addResource(head + "resources:\ncontainers: {}\n", { name: "db", type: "postgres" })).toBe(head + "resources:\n  db:\n    type: postgres\ncontainers: {}\n");
    expect(addResource(head + "resources: {}  # none yet\ncontainers: {}\n", { name: "db", type: "postgres" })).toBe(head + "resources:  # none yet\n  db:\n    type: postgres\ncontainers: {}\n");
  });

  it("refuses what it cannot do faithfully", () => {
    const head = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n";
    expect(() => addResource(head + "resources: {a: {type: redis}}\n", { name: "db", type: "postgres" })).toThrow(/flow map/);
    expect(() => addResource(head + "resources:\n  db:\n    type: redis\n", { name: "db", type: "postgres" })).toThrow('resource "db" already exists in this workload');
    expect(() => addResource(head + "---\n" + head, { name: "db", type: "postgres" })).toThrow(/2 YAML documents/);
    expect(() => addResource("a: [\n", { name: "db", type: "postgres" })).toThrow(/not valid YAML/);
    expect(() => addResource("- a\n", { name: "db", type: "postgres" })).toThrow(/block map/);
  });

  it("reads --param values as YAML scalars", () => {
    expect(parseParam("size=3")).toEqual(["size", 3]);
    expect(parseParam("tls=true")).toEqual(["tls", true]);
    expect(parseParam('version="16"')).toEqual(["version", "16"]);
    expect(parseParam("url=https://x.example/a?b=c")).toEqual(["url", "https://x.example/a?b=c"]);
    expect(parseParam("note=a: b")).toEqual(["note", "a: b"]);
    expect(parseParam("empty=")).toEqual(["empty", null]);
    expect(() => parseParam("=x")).toThrow('--param takes KEY=VALUE, got "=x"');
    expect(() => parseParam("x")).toThrow('--param takes KEY=VALUE, got "x"');
  });
});
