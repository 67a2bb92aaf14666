import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "../../src/emit/yaml-writer.js";

const composeOrder = (path: readonly string[]): string[] | undefined => {
  if (path.length === 0) return ["name", "services", "volumes"];
  if (path[0] === "services" && path.length === 2) return ["image", "command", "environment", "volumes"];
  return undefined;
};

describe("toYaml: a compose-like document", () => {
  it("writes the exact expected text", () => {
    const doc = {
      volumes: { data: {} },
      services: {
        "web-main": {
          environment: {
            ZED: "last",
            FEATURE: "on",
            MODE: "0644",
            ANSWER: "yes",
            EMPTY: "",
            "weird: key": "v",
            PORT: 8080,
            RATIO: 0.5,
            DEBUG: false,
            NOTHING: null,
            DROPPED: undefined,
          },
          command: ["sh", "-c", "set -e\necho hello\nexec app --port=8080\n"],
          image: "nginx:1.27",
          volumes: [{ type: "volume", source: "data", target: "/data" }],
          labels: { "b.label": "1", "a.label": "true" },
        },
      },
      name: "demo",
    };
    expect(toYaml(doc, { keyOrder: composeOrder })).toBe(
      [
        "name: demo",
        "services:",
        "  web-main:",
        "    image: nginx:1.27",
        "    command:",
        "      - sh",
        "      - -c",
        "      - |",
        "        set -e",
        "        echo hello",
        "        exec app --port=8080",
        "    environment:",
        "      ANSWER: \"yes\"",
        "      DEBUG: false",
        "      EMPTY: \"\"",
        "      FEATURE: \"on\"",
        "      MODE: \"0644\"",
        "      NOTHING: null",
        "      PORT: 8080",
        "      RATIO: 0.5",
        "      ZED: last",
        "      \"weird: key\": v",
        "    volumes:",
        "      - source: data",
        "        target: /data",
        "        type: volume",
        "    labels:",
        "      a.label: \"true\"",
        "      b.label: \"1\"",
        "volumes:",
        "  data: {}",
        "",
      ].join("\n"),
    );
  });
});

describe("toYaml: quoting", () => {
  const mustQuote = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "NO", "on", "On", "ON", "off", "OFF", "true", "True", "FALSE",
    "~", "null", "Null", "NULL", "", " ", " lead", "trail ", "0644", "0o644", "012", "0x1F", "0X1f", "0b101", "1_000",
    "1:30", "3000:30", "-1:30", "1e3", "1E3", "-2.5e-3", "1.", ".5", "+12", "-7", ".inf", "-.Inf", ".NaN", "2001-12-14",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "<<", "=", "*ref", "&anchor", "!tag", "%dir", "@at",
    "`tick", "{a}", "[a]", "- x", "-", "? x", "?x", ": x", ":x", "# c", "#c", "a: b", "a #b", "key:", "|x", ">x",
    "'q", "\"q", ",x", "---", "E7", "e12", "...x", "tab\there", "nel\u0085", "ls\u2028", "a\u2028b", "a\u2029b", "bom\ufeff", "c1\u0080",
  ];
  it.each(mustQuote)("double-quotes %j", (s) => {
    const out = toYaml({ k: s });
    expect(out.startsWith('k: "')).toBe(true);
    expect(out).toBe(`k: ${JSON.stringify(s).replace(/[\u0080-\u009f\u2028\u2029\ufeff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))}\n`);
    expect(parse(out, { version: "1.1" })).toEqual({ k: s });
    expect(parse(out)).toEqual({ k: s });
  });

  const staysPlain = ["nginx:1.27", "--port=8080", "-Xmx512m", "./app", "${VAR}", "10s", "1.2.3-beta", "a b", "x:y", "http://h:80/p#f", "é", "v1", "svc-00042-main", "ghcr.io/org/app_1", "e", "E", "Yess", "nulls"];
  it.each(staysPlain)("leaves %j plain", (s) => {
    expect(toYaml({ k: s })).toBe(`k: ${s}\n`);
  });

  it("quotes keys with the same rules", () => {
    expect(toYaml({ on: 1, "0644": 2, y: 3, plain: 4 })).toBe('"0644": 2\n"on": 1\nplain: 4\n"y": 3\n');
  });
});

describe("toYaml: block scalars", () => {
  it("picks chomping so the round trip is exact", () => {
    const v = { clip: "a\nb\n", keep: "a\n\n", strip: "a\nb", z: 1 };
    const out = toYaml(v);
    expect(out).toBe("clip: |\n  a\n  b\nkeep: |+\n  a\n\nstrip: |-\n  a\n  b\nz: 1\n");
    expect(parse(out)).toEqual(v);
    expect(parse(out, { version: "1.1" })).toEqual(v);
  });

  it("falls back to double quotes when a block cannot hold the string", () => {
    expect(toYaml({ k: "trailing \nspace" })).toBe('k: "trailing \\nspace"\n');
    expect(toYaml({ k: "  indented\nfirst" })).toBe('k: "  indented\\nfirst"\n');
    expect(toYaml({ k: "\n\n" })).toBe('k: "\\n\\n"\n');
    expect(toYaml({ k: "cr\r\nlf" })).toBe('k: "cr\\r\\nlf"\n');
    // `|+` as the last node would need several newlines at the end of the file.
    expect(toYaml({ k: "keep\n\n" })).toBe('k: "keep\\n\\n"\n');
  });

  it("never folds long lines", () => {
    const long = "word ".repeat(60).trim();
    expect(toYaml({ k: long })).toBe(`k: ${long}\n`);
  });
});

describe("toYaml: structure", () => {
  it("never writes anchors or aliases for shared objects", () => {
    const shared = { a: 1 };
    expect(toYaml({ x: shared, y: shared, z: [shared, shared] })).toBe("x:\n  a: 1\n\"y\":\n  a: 1\nz:\n  - a: 1\n  - a: 1\n");
  });

  it("sorts integer-like keys as strings and keeps array order", () => {
    expect(toYaml({ "10": "a", "2": "b", b: [3, 1, 2] })).toBe('"10": a\n"2": b\nb:\n  - 3\n  - 1\n  - 2\n');
  });

  it("sorts keys by code unit, not by locale", () => {
    expect(toYaml({ b: 1, B: 2, a: 3, "é": 4, Z: 5 })).toBe("B: 2\nZ: 5\na: 3\nb: 1\né: 4\n");
  });

  it("puts known keys first, unknown keys after them in order", () => {
    const order = (p: readonly string[]) => (p.length === 0 ? ["z", "missing", "m"] : undefined);
    expect(toYaml({ a: 1, m: 2, z: 3, b: { y: 1, x: 2 } }, { keyOrder: order })).toBe("z: 3\nm: 2\na: 1\nb:\n  x: 2\n  \"y\": 1\n");
  });

  it("passes array indices in the key path", () => {
    const seen: string[] = [];
    toYaml({ s: [{ a: 1 }] }, { keyOrder: (p) => (seen.push(p.join("/")), undefined) });
    expect(seen).toEqual(["", "s/0"]);
  });

  it("writes numbers in shortest round-trip form, readable as numbers by YAML 1.1", () => {
    const v = [0, -0, 42, -7, 0.1, 1e21, 1.5e-7, 123456789012, Number.MAX_SAFE_INTEGER];
    const out = toYaml(v);
    expect(out).toBe("- 0\n- 0\n- 42\n- -7\n- 0.1\n- 1.0e+21\n- 1.5e-7\n- 123456789012\n- 9007199254740991\n");
    expect(parse(out, { version: "1.1" })).toEqual([0, 0, 42, -7, 0.1, 1e21, 1.5e-7, 123456789012, Number.MAX_SAFE_INTEGER]);
    expect(toYaml([NaN, Infinity, -Infinity, 10n])).toBe("- .nan\n- .inf\n- -.inf\n- 10\n");
  });

  it("writes scalars and empty collections at the root", () => {
    expect(toYaml("x")).toBe("x\n");
    expect(toYaml("a\nb")).toBe('"a\\nb"\n'); // PyYAML refuses a block scalar at column 0
    expect(toYaml({})).toBe("{}\n");
    expect(toYaml([])).toBe("[]\n");
    expect(toYaml(null)).toBe("null\n");
    expect(toYaml([undefined])).toBe("- null\n");
  });

  it("nests sequences and maps in sequences", () => {
    expect(toYaml([[1, 2], { a: [3] }])).toBe("- - 1\n  - 2\n- a:\n    - 3\n");
  });

  it("refuses values that are not data", () => {
    expect(() => toYaml(undefined)).toThrow(TypeError);
    expect(() => toYaml({ d: new Date(0) })).toThrow(/Date at d/);
    expect(() => toYaml({ s: new Set() })).toThrow(/Set/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => toYaml(loop)).toThrow(/circular reference at self/);
  });
});
