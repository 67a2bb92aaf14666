// Same inputs → same bytes, whatever the argument order, time zone, locale or working directory; only the
// seed changes the generated names and passwords.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "../../helpers/paths.js";
import { runCli } from "../../helpers/run-cli.js";

const dir = fixture("compose", "06-resource-provisioning");
const files = [join(dir, "score.yaml"), join(dir, "score2.yaml")];
const elsewhere = mkdtempSync(join(tmpdir(), "scorec-cwd-"));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe("determinism", () => {
  it("argument order, TZ, LANG and cwd do not change the bytes", () => {
    const a = runCli(["generate", ...files, "-o", "-", "--project-name", "demo"], { env: { TZ: "UTC", LANG: "C", LC_ALL: "C" } });
    const b = runCli(["generate", ...[...files].reverse(), "-o", "-", "--project-name", "demo"], {
      cwd: elsewhere,
      env: { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
    });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(500);
    expect(b.stdout).toBe(a.stdout);
  });

  it("a different seed gives different passwords, the same seed the same ones", () => {
    const one = runCli(["generate", ...files, "-o", "-", "--seed", "one"]);
    const again = runCli(["generate", ...files, "-o", "-", "--seed", "one"]);
    const two = runCli(["generate", ...files, "-o", "-", "--seed", "two"]);
    const passwords = (s: string) => [...s.matchAll(/redis:\/\/default:([A-Za-z0-9]+)@/g)].map((m) => m[1]);
    expect(passwords(one.stdout)).toHaveLength(3);
    expect(passwords(again.stdout)).toEqual(passwords(one.stdout));
    expect(passwords(two.stdout)).not.toEqual(passwords(one.stdout));
    // Different resources get different passwords under one seed.
    expect(new Set(passwords(one.stdout)).size).toBe(2);
  });
});
