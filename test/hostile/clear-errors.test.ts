// Clear errors for odd inputs: colliding or malformed file targets are positioned findings (exit 1, nothing
// written) instead of an unpositioned write failure; --publish with a bad value and --check with -o - are
// usage errors with nothing written; a template error names the provisioner file and the line in it; a
// failing cmd:// program's stderr is shown; a refused cmd:// names the flag; cyclic resource params say
// "cycle" and list it. Every run is fenced (time limit, heap, peak RSS).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFenced, scratch, WORKLOAD } from "./harness.js";

const tmp = scratch("clear");
const withFiles = (targets: string[]) =>
  `${WORKLOAD}    files:\n${targets.map((t, i) => `      "${t}":\n        content: f${i}\n`).join("")}`;

describe("file targets never share a mount file", () => {
  it.each([
    [["/a/x.txt", "a/x.txt"], 'file targets "/a/x.txt" and "a/x.txt" would share one mount file'],
    [["/a/x.txt", "/A/X.txt"], 'file targets "/A/X.txt" and "/a/x.txt" would share one mount file'],
    [["/a", "/a/x.txt"], 'file targets "/a" and "/a/x.txt" cannot both exist'],
    [["/a//x.txt"], 'file target "/a//x.txt" must not contain empty segments'],
    [["/a/x.txt/"], 'file target "/a/x.txt/" must not contain empty segments'],
  ])("%j: positioned finding, exit 1, nothing written", (targets, message) => {
    const name = targets.join("_").replace(/\W+/g, "-");
    const score = tmp.write(`${name}/score.yaml`, withFiles(targets));
    const out = join(tmp.dir, `out-${name}`);
    const r = runFenced(["generate", score, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/\d+:7\s+error/);
    expect(r.stderr).toContain("score/file-target");
    expect(existsSync(out)).toBe(false);
  });

  it("the same basename in two folders gets two mount files", () => {
    const score = tmp.write("basename/score.yaml", withFiles(["/a/x.txt", "/b/x.txt"]));
    const r = runFenced(["generate", score, "-o", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("source: ./mounts/files/web-main/a/x.txt");
    expect(r.stdout).toContain("source: ./mounts/files/web-main/b/x.txt");
  });
});

describe("--publish", () => {
  const score = tmp.write("pub/score.yaml", WORKLOAD);
  it.each(["bad", "99999:web:80", "0:web:80", "8080:web:0", "8080:web:70000", "8080:web:80:x"])("%s is a usage error with nothing written", (spec) => {
    const out = join(tmp.dir, "out-pub");
    const r = runFenced(["generate", score, "-o", out, "--publish", spec]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--publish`);
    expect(existsSync(out)).toBe(false);
  });
});

describe("--check with -o -", () => {
  it("is a usage error (exit 2) naming both flags", () => {
    const r = runFenced(["generate", tmp.write("chk/score.yaml", WORKLOAD), "-o", "-", "--check"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--check compares the output folder with what would be written: it cannot be used with -o - (stdout)");
  });
});

describe("template errors name the provisioner file and the line in it", () => {
  const score = tmp.write("tplerr/score.yaml", `${WORKLOAD}    variables:\n      X: \${resources.thing.v}\nresources:\n  thing:\n    type: thing\n`);
  it.each([
    ["an execution error", "exec", "v: x\n\n    w: {{ .Nope.deeper | upper }}", 6, /outputs:3:22: executing .* at <upper>: invalid value; expected string/],
    ["a parse error", "parse", "v: x\n    w: {{ if }}", 5, /outputs:2:10: missing value for if/],
  ])("%s", (_name, file, body, line, reason) => {
    const prov = tmp.write(`tplerr/${file}.provisioners.yaml`, `- uri: template://bad\n  type: thing\n  outputs: |\n    ${body}\n`);
    const out = join(tmp.dir, `out-tplerr-${file}`);
    const r = runFenced(["generate", score, "-o", out, "--provisioners", prov]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`provisioner template://bad (${prov}:${line}) failed for resource "thing"`);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });
});

describe("cmd:// provisioners", () => {
  const score = tmp.write("cmd/score.yaml", `${WORKLOAD}resources:\n  thing:\n    type: thing\n`);
  const prov = (name: string, script: string) => tmp.write(`cmd/${name}.provisioners.yaml`, `- uri: cmd://sh#x\n  args: ["-c", ${JSON.stringify(script)}]\n  type: thing\n`);

  it("refused without the flag, naming --allow-cmd-provisioners", () => {
    const r = runFenced(["generate", score, "-o", "-", "--provisioners", prov("refused", "true")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--allow-cmd-provisioners");
  });

  it.each([
    ["exit-3", "echo first >&2; echo 'db unreachable' >&2; exit 3", "exited with code 3; its stderr: first db unreachable"],
    ["not-json", "echo 'warning: no config' >&2; echo notjson", "did not print JSON on stdout; its stderr: warning: no config"],
  ])("a failing program's stderr is shown (%s)", (name, script, message) => {
    const r = runFenced(["generate", score, "-o", "-", "--allow-cmd-provisioners", "--provisioners", prov(name, script)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

describe("resource params", () => {
  it("a cycle says so and lists it", () => {
    const score = tmp.write(
      "cycle/score.yaml",
      `${WORKLOAD}resources:\n  aa:\n    type: thing\n    params:\n      x: \${resources.bb.v}\n  bb:\n    type: thing\n    params:\n      x: \${resources.aa.v}\n`,
    );
    const r = runFenced(["generate", score, "-o", "-"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("resource params form a cycle: thing.default#web.aa → thing.default#web.bb → thing.default#web.aa");
  });
});
