// --build and --publish forms (score-compose's), parsed before anything runs.
import { describe, expect, it } from "vitest";
import { parseBuildFlags, rebaseContext } from "../../../src/emit/build-flags.js";
import { parsePublishFlag } from "../../../src/emit/publish-flags.js";

describe("--build", () => {
  it("rebases a relative context from the current folder onto the output folder", () => {
    expect(rebaseContext("./dir", "/p", "out")).toBe("../dir");
    expect(rebaseContext(".", "/p", "out")).toBe("..");
    expect(rebaseContext("out/app", "/p", "out")).toBe("./app");
    expect(rebaseContext("./dir", "/p", ".")).toBe("./dir");
    expect(rebaseContext("./dir", "/p", "-")).toBe("./dir");
    expect(rebaseContext("https://github.com/x/y.git#main", "/p", "out")).toBe("https://github.com/x/y.git#main");
  });
  it("takes the JSON and YAML forms with args as a map or a list", () => {
    expect(parseBuildFlags(['a={"context":"./dir","args":{"DEBUG":true,"N":1,"E":null}}'], "/p", ".")).toEqual({ a: { context: "./dir", args: { DEBUG: "true", N: "1", E: null } } });
    expect(parseBuildFlags(['a={"context":"./dir","args":["DEBUG","X=1"]}'], "/p", ".")).toEqual({ a: { context: "./dir", args: { DEBUG: null, X: "1" } } });
    expect(parseBuildFlags(['a={context: "./dir", dockerfile: Dockerfile.dev}'], "/p", "out")).toEqual({ a: { context: "../dir", dockerfile: "Dockerfile.dev" } });
  });
  it("rejects malformed values with the reason", () => {
    expect(parseBuildFlags(["nodir"], "/p", ".")).toMatch(/expected CONTAINER=CONTEXT/);
    expect(parseBuildFlags(["a={context: [}"], "/p", ".")).toMatch(/not JSON or YAML/);
    expect(parseBuildFlags(['a={"args":{}}'], "/p", ".")).toMatch(/"context" must be a non-empty string/);
    expect(parseBuildFlags(['a={"context":".","bogus":1}'], "/p", ".")).toMatch(/unknown build key "bogus"/);
  });
});

describe("--publish", () => {
  it("parses the workload and resource forms", () => {
    expect(parsePublishFlag("8080:web:80")).toEqual({ spec: "8080:web:80", hostPort: 8080, port: 80, workload: "web" });
    expect(parsePublishFlag("42:postgres#example.db1.host:13")).toMatchObject({ resource: { uid: "postgres.default#example.db1", output: "host" } });
    expect(parsePublishFlag("43:postgres.default#thing.host:14")).toMatchObject({ resource: { uid: "postgres.default#thing", output: "host" } });
  });
  it("says what is wrong, as score-compose does", () => {
    expect(parsePublishFlag("something")).toMatch(/expected 3 :-separated parts/);
    expect(parsePublishFlag("x:foo:y")).toMatch(/could not parse host port 'x' as integer/);
    expect(parsePublishFlag("8080:foo:y")).toMatch(/could not parse container port 'y' as integer/);
    expect(parsePublishFlag("1:foo:80")).toMatch(/host port must be/);
    expect(parsePublishFlag("42:x#y:13")).toMatch(/must match RES_UID.OUTPUT/);
  });
});
