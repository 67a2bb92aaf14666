import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../../src/policy/wasm/bundle.js";
import { WasmPolicyLoadError } from "../../../src/policy/wasm/load-error.js";
import { readTar } from "../../../src/policy/wasm/tar.js";
import { bundle, manifest, tar } from "./wasm-fixtures.js";

const WASM = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const LIMITS = { maxFileBytes: 1 << 20 };

function loadError(f: () => unknown): WasmPolicyLoadError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WasmPolicyLoadError);
    return e as WasmPolicyLoadError;
  }
  throw new Error("expected a WasmPolicyLoadError");
}

describe("readTar", () => {
  it("reads ustar entries, skipping directories", () => {
    const entries = readTar(tar([{ name: "dir/", data: "", type: "5" }, { name: "/policy.wasm", data: WASM }, { name: "data.json", data: "{}" }]), LIMITS);
    expect(entries.map((e) => [e.name, e.data.length])).toEqual([
      ["/policy.wasm", 8],
      ["data.json", 2],
    ]);
  });

  it.each(["pax", "gnu", "prefix"] as const)("reads long names stored as %s", (longName) => {
    const name = `${"deep/".repeat(30)}data.json`;
    const entries = readTar(tar([{ name, data: '{"a":1}', longName }]), LIMITS);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.name).toBe(name);
    expect(new TextDecoder().decode(entries[0]!.data)).toBe('{"a":1}');
  });

  it("reads a non-ASCII name from a pax record (lengths in bytes)", () => {
    const name = `${"dätä/".repeat(25)}data.json`;
    const entries = readTar(tar([{ name, data: "{}", longName: "pax" }]), LIMITS);
    expect(entries.map((e) => e.name)).toEqual([name]);
  });

  it("rejects a bad header checksum, a truncated entry and a non-tar", () => {
    const archive = tar([{ name: "policy.wasm", data: WASM }]);
    const flipped = archive.slice();
    flipped[10] = 0x41;
    expect(() => readTar(flipped, LIMITS)).toThrow(/checksum/);
    expect(() => readTar(archive.subarray(0, 512), LIMITS)).toThrow(/truncated/);
    expect(() => readTar(new TextEncoder().encode("hello"), LIMITS)).toThrow(/not a tar/);
  });

  it("enforces the per-file size cap", () => {
    expect(() => readTar(tar([{ name: "big.json", data: "x".repeat(2000) }]), { maxFileBytes: 1000 })).toThrow(/over the 1000-byte limit/);
  });
});

describe("readBundle", () => {
  it("picks policy.wasm, merges data documents at their paths and reads the manifest", () => {
    const b = readBundle(
      "bundle.tar.gz",
      bundle([
        manifest([{ entrypoint: "main/deny", module: "/policy.wasm" }]),
        { name: "/policy.wasm", data: WASM },
        { name: "/data.json", data: '{"allowed_registries":["ghcr.io"],"teams":{"a":1}}' },
        { name: "/teams/data.json", data: '{"b":2}' },
        { name: "/env/data.yaml", data: "name: prod\n" },
        { name: "/main/image-tag.rego", data: "package main" },
      ]),
    );
    expect([...b.modules.keys()]).toEqual(["/policy.wasm"]);
    expect(b.moduleEntrypoints.get("/policy.wasm")).toEqual(["main/deny"]);
    expect(b.data).toEqual({ allowed_registries: ["ghcr.io"], teams: { a: 1, b: 2 }, env: { name: "prod" } });
    expect(b.manifest?.roots).toEqual(["main", "allowed_registries"]);
  });

  it("accepts a bundle without a manifest when it has one module", () => {
    const b = readBundle("b.tar.gz", bundle([{ name: "policy.wasm", data: WASM }]));
    expect(b.moduleEntrypoints.get("/policy.wasm")).toBeUndefined();
    expect(b.data).toEqual({});
  });

  it("maps several modules through the manifest, and refuses them without it", () => {
    const files = [
      { name: "/a/policy.wasm", data: WASM },
      { name: "/b/policy.wasm", data: WASM },
    ];
    const b = readBundle(
      "b.tar.gz",
      bundle([
        manifest([
          { entrypoint: "main/deny", module: "/a/policy.wasm" },
          { entrypoint: "main/warn", module: "/b/policy.wasm" },
        ]),
        ...files,
      ]),
    );
    expect(b.moduleEntrypoints).toEqual(
      new Map([
        ["/a/policy.wasm", ["main/deny"]],
        ["/b/policy.wasm", ["main/warn"]],
      ]),
    );
    const e = loadError(() => readBundle("b.tar.gz", bundle(files)));
    expect(e.code).toBe("wasm/several-modules");
    expect(e.message).toMatch(/2 wasm modules \(\/a\/policy.wasm, \/b\/policy.wasm\)/);
  });

  it("reports corrupt gzip, a corrupt tar, a missing module and bad documents with the file name", () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), "wasm/corrupt-bundle", /not a valid gzip file/],
      [new Uint8Array(gzipSync(new TextEncoder().encode("not a tar at all"))), "wasm/corrupt-bundle", /archive is corrupt: not a tar/],
      [bundle([{ name: "/data.json", data: "{}" }]), "wasm/missing-module", /no policy.wasm/],
      [bundle([manifest([{ entrypoint: "main/deny", module: "/other.wasm" }]), { name: "/policy.wasm", data: WASM }]), "wasm/missing-module", /\/other.wasm, which is not in the bundle/],
      [bundle([{ name: "/.manifest", data: "{oops" }, { name: "/policy.wasm", data: WASM }]), "wasm/bad-manifest", /not valid JSON/],
      [bundle([{ name: "/.manifest", data: '{"wasm":{}}' }, { name: "/policy.wasm", data: WASM }]), "wasm/bad-manifest", /must be a list/],
      [bundle([{ name: "/data.json", data: "[1" }, { name: "/policy.wasm", data: WASM }]), "wasm/bad-data", /\/data.json is not valid JSON/],
      [bundle([{ name: "/data.json", data: "[1]" }, { name: "/policy.wasm", data: WASM }]), "wasm/bad-data", /must hold a JSON object/],
    ];
    for (const [bytes, code, message] of cases) {
      const e = loadError(() => readBundle("policies/bundle.tar.gz", bytes));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
      expect(e).toMatchObject({ file: "policies/bundle.tar.gz", line: 1, column: 1 });
    }
  });

  it("stops at the size caps: uncompressed archive and single file", () => {
    const big = bundle([{ name: "/policy.wasm", data: WASM }, { name: "/data.json", data: JSON.stringify({ x: "y".repeat(100_000) }) }]);
    expect(loadError(() => readBundle("b.tar.gz", big, { maxArchiveBytes: 10_000, maxFileBytes: 1 << 20 })).code).toBe("wasm/too-large");
    expect(loadError(() => readBundle("b.tar.gz", big, { maxArchiveBytes: 100, maxFileBytes: 1 << 20 })).message).toMatch(/bundle is \d+ bytes, over the 100-byte limit/);
    const e = loadError(() => readBundle("b.tar.gz", big, { maxArchiveBytes: 1 << 20, maxFileBytes: 10_000 }));
    expect(e.code).toBe("wasm/too-large");
    expect(e.message).toMatch(/data.json is \d+ bytes, over the 10000-byte limit/);
  });

  it("never fails with anything but a load error on damaged archives", () => {
    const files = [manifest([{ entrypoint: "main/deny", module: "/policy.wasm" }]), { name: "/policy.wasm", data: WASM }, { name: "/data.json", data: '{"a":[1,2]}' }];
    const plain = tar(files);
    const gz = bundle(files);
    const damage = (bytes: Uint8Array, at: number, value: number, cut: boolean) => {
      const copy = bytes.slice(0, cut ? at : bytes.length);
      if (!cut && at < copy.length) copy[at] = value;
      return copy;
    };
    const outcome = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(WasmPolicyLoadError);
      }
    };
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (at, value, cut) => {
        outcome(() => readBundle("b.tar.gz", damage(gz, at % gz.length, value, cut)));
        // header blocks only: damaged payload bytes are the module's problem, not the archive's
        const inHeaders = [0, 1024, 2048].map((h) => h + (at % 512))[at % 3]!;
        outcome(() => readBundle("b.tar.gz", new Uint8Array(gzipSync(damage(plain, inHeaders, value, cut)))));
      }),
      { numRuns: 400 },
    );
  });
});
