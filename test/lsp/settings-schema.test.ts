import { describe, expect, it } from "vitest";
import { buildPipelineOptions, DEFAULT_SETTINGS, readSettings } from "../../src/lsp/settings.js";
import { descriptionAt, enumAt, propertiesAt } from "../../src/lsp/schema-info.js";

describe("settings", () => {
  it("reads a client's object, nested under scorec or not, and ignores bad values", () => {
    const s = readSettings({ scorec: { target: "helm", provisioners: ["p"], policies: "nope", debounceMs: -1, rules: { a: false, b: "warning", c: "loud" } } });
    expect(s).toMatchObject({ target: "helm", provisioners: ["p"], policies: [], debounceMs: DEFAULT_SETTINGS.debounceMs, rules: { a: "off", b: "warning" } });
    expect(readSettings(null)).toBe(DEFAULT_SETTINGS);
    expect(readSettings({ rules: { b: "info" }, disabledRules: ["a"] }).rules).toEqual({ a: "off", b: "info" });
  });
  it("builds check and generate options with paths resolved against the root", () => {
    const o = buildPipelineOptions(readSettings({ provisioners: ["prov", "/abs"], environment: "prod" }), "/ws");
    expect(o.generate).toMatchObject({ target: "compose", root: "/ws", environment: "prod", provisioners: ["/ws/prov", "/abs"] });
    expect(o.check.root).toBe("/ws");
  });
});

describe("schema lookups", () => {
  it("follows $refs and free-form maps", () => {
    expect(descriptionAt(["containers", "main", "image"])).toMatch(/image/i);
    expect(propertiesAt(["containers", "x", "readinessProbe"]).map((p) => p.name).sort()).toEqual(["exec", "httpGet"]);
    expect(propertiesAt(["resources", "db"]).find((p) => p.name === "type")?.required).toBe(true);
    expect(enumAt(["service", "ports", "http", "protocol"])).toEqual(["TCP", "UDP"]);
    expect(propertiesAt(["containers"])).toEqual([]);
  });
});
