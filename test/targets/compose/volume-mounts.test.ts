// Score volumes → Compose mounts as score-compose maps them (internal/compose/convert.go,
// convertVolumeSourceIntoVolume): the resource's outputs decide the mount type and carry its options.
import { describe, expect, it } from "vitest";
import { composeRun } from "../../helpers/compose-run.js";

const PROVISIONERS = `
- uri: template://test/named
  type: named
  outputs: |
    type: volume
    source: named-volume
- uri: template://test/named-opts
  type: named-opts
  outputs: |
    type: volume
    source: vol-with-opts
    volume:
      nocopy: true
      subpath: base
- uri: template://test/tmp
  type: tmp
  outputs: |
    type: tmpfs
    tmpfs:
      size: 10000000
- uri: template://test/host
  type: host
  outputs: |
    type: bind
    source: /var/log/
    bind:
      propagation: rprivate
- uri: template://test/host-create
  type: host-create
  outputs: |
    type: bind
    source: /srv
    bind:
      create_host_path: true
- uri: template://test/untyped
  type: untyped
  outputs: |
    source: x
- uri: template://test/weird
  type: weird
  outputs: |
    type: nfs
    source: x
- uri: template://test/extra
  type: extra
  outputs: |
    type: volume
    source: x
    size: 3
`;

const score = (volumes: string, resources: string) =>
  `apiVersion: score.dev/v1b1\nmetadata:\n  name: ww\ncontainers:\n  cc:\n    image: busybox\n    volumes:\n${volumes}\nresources:\n${resources}\n`;

const mounts = (r: Awaited<ReturnType<typeof composeRun>>) => Object.fromEntries((r.compose!.services["ww-cc"].volumes as any[]).map((v) => [v.target, v]));

describe("compose volume mounts", () => {
  it("a named volume takes its source and options; the Score path is joined to the subpath", async () => {
    const r = await composeRun(
      score(`      /a:\n        source: \${resources.aa}\n        path: x/y\n        readOnly: true\n      /b:\n        source: \${resources.bb}\n        path: ../b/./c`, `  aa:\n    type: named\n  bb:\n    type: named-opts`),
      PROVISIONERS,
    );
    expect(r.errors).toEqual([]);
    expect(mounts(r)["/a"]).toEqual({ type: "volume", source: "named-volume", target: "/a", read_only: true, volume: { subpath: "x/y" } });
    expect(mounts(r)["/b"]).toEqual({ type: "volume", source: "vol-with-opts", target: "/b", volume: { nocopy: true, subpath: "b/c" } });
  });

  it("a tmpfs keeps its size, and the resource uid as source (as score-compose writes it)", async () => {
    const r = await composeRun(score(`      /t:\n        source: \${resources.tt}`, `  tt:\n    type: tmp`), PROVISIONERS);
    expect(mounts(r)["/t"]).toEqual({ type: "tmpfs", source: "tmp.default#ww.tt", target: "/t", tmpfs: { size: 10000000 } });
  });

  it("a tmpfs with a sub path is an error at the source", async () => {
    const r = await composeRun(score(`      /t:\n        source: \${resources.tt}\n        path: sub`, `  tt:\n    type: tmp`), PROVISIONERS);
    expect(r.artifacts).toBeUndefined();
    expect(r.errors.map((e) => [e.ruleId, e.pointer])).toEqual([["compose/volume-source", "/containers/cc/volumes/~1t/source"]]);
  });

  it("a bind joins the Score path to its source and keeps its options; create_host_path is false unless asked", async () => {
    const r = await composeRun(
      score(`      /logs:\n        source: \${resources.hh}\n        path: app/../nginx/\n      /srv:\n        source: \${resources.ss}`, `  hh:\n    type: host\n  ss:\n    type: host-create`),
      PROVISIONERS,
    );
    expect(r.errors).toEqual([]);
    expect(mounts(r)["/logs"]).toEqual({ type: "bind", source: "/var/log/nginx", target: "/logs", bind: { propagation: "rprivate", create_host_path: false } });
    expect(mounts(r)["/srv"]).toEqual({ type: "bind", source: "/srv", target: "/srv", bind: {} });
  });

  it.each([
    ["untyped", /has no "type" output/],
    ["weird", /has type "nfs"/],
    ["extra", /unknown output\(s\) "size"/],
  ])("a %s resource is not a volume: a positioned error, nothing written", async (type, message) => {
    const r = await composeRun(score(`      /d:\n        source: \${resources.dd}`, `  dd:\n    type: ${type}`), PROVISIONERS);
    expect(r.artifacts).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(message);
    expect(r.errors[0]!.range.start.line).toBe(9);
  });

  it("a literal name is a named volume, declared at the top level", async () => {
    const r = await composeRun(score(`      /d:\n        source: some-volume\n        path: sub`, `  dd:\n    type: named`), PROVISIONERS);
    expect(r.errors).toEqual([]);
    expect(mounts(r)["/d"]).toEqual({ type: "volume", source: "some-volume", target: "/d", volume: { subpath: "sub" } });
    expect(r.compose!.volumes).toEqual({ "some-volume": {} });
  });

  it("a source that is neither a resource nor a volume name is an error", async () => {
    const r = await composeRun(score(`      /d:\n        source: "/abs/path"`, `  dd:\n    type: named`), PROVISIONERS);
    expect(r.artifacts).toBeUndefined();
    expect(r.errors.map((e) => e.ruleId)).toEqual(["compose/volume-source"]);
  });
});
