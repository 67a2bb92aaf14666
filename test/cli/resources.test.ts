// `scorec resources list` / `resources get-outputs UID`: the pipeline of generate up to provisioning (same
// seed, provisioners, env), nothing written; secrets masked unless --show-secrets; score-compose's --format.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatOutputs, goJson, maskSecrets, SECRET_MASK } from "../../src/cli/resources-action.js";
import { runCli } from "../helpers/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "scorec-resources-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dir = join(tmp, "app");
mkdirSync(dir);
writeFileSync(
  join(dir, "score.yaml"),
  "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\n    variables:\n      MONGO: ${resources.db.connection}\nresources:\n  db:\n    type: mongodb\n  vol:\n    type: volume\n",
);
const DB = "mongodb.default#web.db";
const run = (args: string[]) => runCli(args, { cwd: dir });

describe("scorec resources", () => {
  it("list prints the uids and writes nothing", () => {
    const r = run(["resources", "list", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resources.map((x: { uid: string }) => x.uid)).toEqual([DB, "volume.default#web.vol"]);
    expect(readdirSync(dir)).toEqual(["score.yaml"]);
  });

  it("get-outputs prints JSON with secrets masked, also where a value embeds a secret", () => {
    const r = run(["resources", "get-outputs", DB]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["connection", "host", "password", "port", "username"]);
    expect(out.password).toBe(SECRET_MASK);
    expect(out.connection).toBe(SECRET_MASK);
    expect(out.port).toBe(27017);
    expect(r.stderr).toContain("2 secret output(s) masked (connection, password): --show-secrets prints them");
  });

  it("--show-secrets prints the values generate would write", () => {
    const shown = JSON.parse(run(["resources", "get-outputs", DB, "--show-secrets"]).stdout);
    expect(shown.password).toMatch(/^[A-Za-z0-9]{8,}$/);
    expect(shown.connection).toBe(`mongodb://${shown.username}:${shown.password}@${shown.host}:27017/`);
    const out = join(tmp, "out");
    expect(run(["generate", "score.yaml", "-o", out]).code).toBe(0);
    const compose = parse(readFileSync(join(out, "compose.yaml"), "utf8"));
    expect(compose.services["web-main"].environment.MONGO).toBe(shown.connection);
    // Another seed, other values: the same seed rules as generate.
    const other = JSON.parse(run(["resources", "get-outputs", DB, "--show-secrets", "--seed", "other"]).stdout);
    expect(other.password).not.toBe(shown.password);
  });

  it("--format yaml and --format TEMPLATE (a newline added when missing)", () => {
    const y = run(["resources", "get-outputs", "volume.default#web.vol", "--format", "yaml"]);
    expect(parse(y.stdout)).toMatchObject({ type: "volume" });
    expect(run(["resources", "get-outputs", "volume.default#web.vol", "-f", "{{ . | len }}"]).stdout).toBe("2\n");
    expect(run(["resources", "get-outputs", DB, "-f", "{{ .host }}:{{ .port }}\n"]).stdout).toMatch(/^mongo-[A-Za-z0-9]+:27017\n$/);
    const bad = run(["resources", "get-outputs", DB, "-f", "{{ .host "]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format is neither json, yaml nor a valid Go template/);
  });

  it("an unknown uid is a usage error (exit 2) with a did-you-mean", () => {
    const r = run(["resources", "get-outputs", "mongodb.default#web.dd"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scorec: no such resource "mongodb.default#web.dd" — did you mean "${DB}"?\n`);
    expect(run(["resources", "get-outputs", "db"]).stderr).toContain(`did you mean "${DB}"?`);
    const none = run(["resources", "get-outputs", "nothing.like.it"]);
    expect(none.stderr).toContain(`(resources: ${DB}, volume.default#web.vol)`);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("a Score file with errors prints them and exits 1", () => {
    const badDir = join(tmp, "bad");
    mkdirSync(badDir);
    writeFileSync(join(badDir, "score.yaml"), "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  main:\n    image: nginx\nresources:\n  db:\n    type: no-such-type\n");
    const r = runCli(["resources", "get-outputs", "no-such-type.default#web.db"], { cwd: badDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("provision/no-provisioner");
  });
});

describe("formatting helpers", () => {
  it("goJson sorts keys and escapes HTML characters as Go's encoding/json does", () => {
    expect(goJson({ b: "<a&b>", a: [1, { d: 1, c: 2 }] })).toBe('{\n  "a": [\n    1,\n    {\n      "c": 2,\n      "d": 1\n    }\n  ],\n  "b": "\\u003ca\\u0026b\\u003e"\n}\n');
  });
  it("maskSecrets hides secret-named outputs and values that contain a secret", () => {
    const m = maskSecrets({ outputs: { token: "abcd1234", url: "https://x/?t=abcd1234", nested: { a: ["abcd1234"] }, host: "h" }, secretOutputs: ["token"] });
    expect(m.masked).toEqual(["nested", "token", "url"]);
    expect(m.outputs.host).toBe("h");
  });
  it("formatOutputs runs sprig functions", () => {
    expect(formatOutputs({ host: "db" }, '{{ .host | upper | quote }}')).toBe('"DB"\n');
  });
});
