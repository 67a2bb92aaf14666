// Issue 12, item 1: every generated ("random") value is an independent keyed value. Over every fixture app
// compiled for every target, the values that depend on the seed (found by compiling twice, with two seeds)
// never share a run of 6 characters — slices of one stream, or one stream reused across targets, would.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/api/generate.js";
import { TARGET_NAMES } from "../../src/emit/targets.js";
import { REPO, fixture } from "../helpers/paths.js";

interface App {
  name: string;
  dir: string;
}

function apps(): App[] {
  const out: App[] = [];
  for (const group of ["compose", "targets"]) {
    const root = fixture(group);
    for (const d of readdirSync(root).sort()) if (statSync(join(root, d)).isDirectory()) out.push({ name: `${group}/${d}`, dir: join(root, d) });
  }
  return out;
}

async function outputsOf(app: App, target: string, seed: string): Promise<Map<string, string[]> | undefined> {
  const inputs = readdirSync(app.dir).filter((f) => /^score.*\.yaml$/.test(f)).sort().map((f) => ({ path: join(app.dir, f) }));
  const opts = existsSync(join(app.dir, "options.json")) ? JSON.parse(readFileSync(join(app.dir, "options.json"), "utf8")) : {};
  const r = await generate(inputs, {
    target, outputDir: "out", root: REPO, seed, environment: "dev", build: opts.build, image: opts.image,
    provisioners: (opts.provisioners ?? []).map((p: string) => join(app.dir, p)),
  });
  if (!r.provision?.complete) return undefined;
  // Every string an output holds, per (resource, output path).
  const out = new Map<string, string[]>();
  const walk = (key: string, v: unknown): void => {
    if (typeof v === "string") out.set(key, [...(out.get(key) ?? []), v]);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(`${key}.${k}`, x);
  };
  for (const [uid, res] of r.provision.resources) walk(`${target} ${uid}`, res.outputs);
  return out;
}

/** Runs of [A-Za-z0-9] (6 or more) in `value` that the other seed's value lacks: they come from the seed. */
function seedTokens(value: string, other: string): string[] {
  return (value.match(/[A-Za-z0-9]{6,}/g) ?? []).filter((t) => !other.includes(t));
}

describe("generated values are independent", async () => {
  const tokens = new Map<string, string>(); // token → where it was first seen
  const compiled: string[] = [];
  for (const app of apps()) {
    for (const target of TARGET_NAMES) {
      const a = await outputsOf(app, target, "seed-one");
      const b = await outputsOf(app, target, "seed-two");
      if (!a || !b) continue;
      compiled.push(`${app.name} ${target}`);
      for (const [key, values] of a) {
        const other = (b.get(key) ?? []).join("\n");
        for (const v of values) for (const t of seedTokens(v, other)) if (!tokens.has(t)) tokens.set(t, `${app.name}: ${key}`);
      }
    }
  }

  it("covers the fixture apps on every target", () => {
    if (process.env.SHOW_TOKENS) console.log(compiled.length, tokens.size, [...tokens].slice(0, 8));
    expect(compiled.length).toBeGreaterThanOrEqual(40);
    expect(tokens.size).toBeGreaterThanOrEqual(50);
  });

  it("no two generated values share a substring of length 6", () => {
    // The same value reused (a password inside a connection URI) is one token; distinct tokens must not overlap.
    const bySix = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of tokens.keys()) {
      const seen = new Set<string>();
      for (let i = 0; i + 6 <= t.length; i++) {
        const s = t.slice(i, i + 6);
        if (seen.has(s)) continue;
        seen.add(s);
        const first = bySix.get(s);
        if (first !== undefined && first !== t) clashes.push(`${JSON.stringify(s)}: ${first} (${tokens.get(first)}) and ${t} (${tokens.get(t)})`);
        else bySix.set(s, t);
      }
    }
    expect(clashes).toEqual([]);
  });
});
